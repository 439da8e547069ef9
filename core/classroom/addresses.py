"""Which address the students' devices use to reach this server: the one shown, encoded in the QR code and exported.

A teacher's browser often shows `localhost`, and a phone that scans a QR code of that address opens its own
localhost and finds nothing, so `choose_address` picks an address other devices can reach. No secret ever goes
into it: students join with the class code, and teachers type their password into the page.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit, urlunsplit

from core.classroom.errors import ClassroomError

PUBLIC_URL_VARIABLE = "DL_CLASSROOM_PUBLIC_URL"
# Where a browser address that cannot be read (a test run, an old Streamlit) is assumed to point.
DEFAULT_BROWSER_URL = "http://localhost:8501"
PUBLIC_URL_EXAMPLE = "https://ai.school.kr/dl"

SOURCE_PUBLIC = "public"
SOURCE_BROWSER = "browser"
SOURCE_NETWORK = "network"
SOURCE_NONE = "none"

# Probed with a UDP "connect", which only asks the kernel for a route and sends no packet: the local address of
# that route is the machine's network address. A public address follows the default route (Streamlit's own
# choice); the private ones find the school LAN's interface on a Wi-Fi without a default route. None of them is
# a broadcast address, which a plain socket may not connect to.
ROUTE_PROBES = ("8.8.8.8", "10.254.254.254", "172.31.254.254", "192.168.254.254")


@dataclass(frozen=True)
class AppAddress:
    """The app's root URL as students reach it (no trailing slash) and where that address came from."""

    root: str
    source: str

    @property
    def reachable(self) -> bool:
        """Whether devices other than this computer can use the address."""
        return self.source != SOURCE_NONE

    def page(self, path: str, query: str = "") -> str:
        """The address of one page of the app (`classroom`), with an already encoded query string."""
        url = f"{self.root}/{path.strip('/')}"
        return f"{url}?{query}" if query else url


def public_url_setting(environ: Mapping[str, str] | None = None) -> str | None:
    """The administrator's DL_CLASSROOM_PUBLIC_URL, or None when it is unset or blank."""
    value = (os.environ if environ is None else environ).get(PUBLIC_URL_VARIABLE, "").strip()
    return value or None


def _bad_public_url(reason_ko: str, reason_en: str) -> ClassroomError:
    # The value itself is not repeated: a mistyped URL may carry a password.
    return ClassroomError(
        f"{PUBLIC_URL_VARIABLE} 설정을 쓸 수 없습니다: {reason_ko} 예: {PUBLIC_URL_EXAMPLE}",
        f"{PUBLIC_URL_VARIABLE} cannot be used: {reason_en} For example: {PUBLIC_URL_EXAMPLE}",
    )


def public_root(public_url: str) -> str:
    """The checked root of DL_CLASSROOM_PUBLIC_URL (no trailing slash); a ClassroomError says what is wrong."""
    parts = urlsplit(public_url.strip())
    if parts.scheme.lower() not in ("http", "https"):
        raise _bad_public_url("http:// 또는 https:// 로 시작하는 주소여야 합니다.",
                              "the address must start with http:// or https://.")
    try:
        host, _port = parts.hostname, parts.port
    except ValueError:
        host = None
    if not host:
        raise _bad_public_url("서버 이름이나 IP 주소(와 올바른 포트)가 있어야 합니다.",
                              "it needs a server name or IP address (and a valid port).")
    if parts.username is not None or parts.password is not None:
        raise _bad_public_url("학생에게 보이는 주소에 사용자 이름이나 비밀번호를 넣을 수 없습니다.",
                              "an address shown to students cannot hold a user name or password.")
    if parts.query or parts.fragment:
        raise _bad_public_url("앱이 있는 주소만 적어 주세요(? 나 # 뒤의 부분 없이).",
                              "give only the app's address (nothing after ? or #).")
    return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path.rstrip("/"), "", ""))


def host_is_loopback(host: str) -> bool:
    """Whether a URL's host names this computer only: `localhost`, `127.x.x.x`, `::1` (or the unspecified `0.0.0.0`)."""
    name = host.strip("[]").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback or address.is_unspecified


def _netloc(host: str, port: int | None) -> str:
    """`host:port` for a URL, with an IPv6 literal in brackets."""
    shown = f"[{host}]" if ":" in host else host
    return shown if port is None else f"{shown}:{port}"


def _browser_parts(browser_url: str) -> SplitResult:
    parts = urlsplit(browser_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        parts = urlsplit(DEFAULT_BROWSER_URL + parts.path if parts.path.startswith("/") else DEFAULT_BROWSER_URL)
    return parts


def _prefix(path: str, page_path: str) -> str:
    """The path a proxy serves the app under: the browser's path without the page's own path at its end."""
    path = path.rstrip("/")
    page = "/" + page_path.strip("/") if page_path.strip("/") else ""
    if page and path.endswith(page):
        path = path[: -len(page)]
    return path.rstrip("/")


def choose_address(browser_url: str, page_path: str, public_url: str | None,
                   network_host: str | None) -> AppAddress:
    """The app's root as students' devices reach it, chosen in this order.

    1. DL_CLASSROOM_PUBLIC_URL whenever it is set (a school server behind a proxy, or a name in the school's DNS);
    2. the teacher's browser address when it is not a loopback one, since other devices can already use it;
    3. the browser address with its host replaced by this machine's network address (Streamlit's "Network URL"),
       keeping the scheme, the port and any path prefix a proxy serves the app under;
    4. otherwise the loopback address, marked as reachable by no other device.

    `browser_url` is the teacher's browser address on the page `page_path` (`classroom`); `public_url` is
    DL_CLASSROOM_PUBLIC_URL (a ClassroomError when it is not a usable address); `network_host` is this
    machine's network address (`network_host()`), or None when it has none.
    """
    if public_url:
        return AppAddress(public_root(public_url), SOURCE_PUBLIC)
    parts = _browser_parts(browser_url)
    try:
        port = parts.port
    except ValueError:
        port = None
    prefix = _prefix(parts.path, page_path)
    host = parts.hostname or "localhost"
    if not host_is_loopback(host):
        return AppAddress(urlunsplit((parts.scheme, _netloc(host, port), prefix, "", "")), SOURCE_BROWSER)
    if network_host and not host_is_loopback(network_host):
        return AppAddress(urlunsplit((parts.scheme, _netloc(network_host, port), prefix, "", "")), SOURCE_NETWORK)
    return AppAddress(urlunsplit((parts.scheme, _netloc(host, port), prefix, "", "")), SOURCE_NONE)


def _route_source(target: str) -> str | None:
    """The local address of the route to `target` (no packet is sent), or None without such a route."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect((target, 1))
            return probe.getsockname()[0]
        except OSError:
            return None


def network_host(listen_address: str | None = None) -> str | None:
    """This machine's network address (IPv4, as in Streamlit's "Network URL"), or None when it has none.

    A server started with `--server.address` set to one non-loopback address is reachable at that address only,
    so that one is returned; otherwise the routes decide. A loopback listen address does not mean None: a proxy
    on this machine (deploy/cluster.py's nginx) may still serve the network.
    """
    if listen_address and not host_is_loopback(listen_address):
        try:
            ipaddress.ip_address(listen_address.strip("[]"))
            return listen_address.strip("[]")
        except ValueError:
            pass
    for target in ROUTE_PROBES:
        found = _route_source(target)
        if found and not host_is_loopback(found):
            return found
    return None
