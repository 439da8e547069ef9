"""The address students get: loopback → network address, the public URL override, IPv6, proxy prefixes kept."""

from __future__ import annotations

import pytest

from core.classroom import addresses
from core.classroom.addresses import (
    PUBLIC_URL_VARIABLE,
    SOURCE_BROWSER,
    SOURCE_NETWORK,
    SOURCE_NONE,
    SOURCE_PUBLIC,
    AppAddress,
    choose_address,
    host_is_loopback,
    network_host,
    public_url_setting,
)
from core.classroom.errors import ClassroomError

NETWORK = "192.168.0.23"


def chosen(browser_url: str, public_url: str | None = None, network: str | None = NETWORK,
           page: str = "classroom") -> AppAddress:
    return choose_address(browser_url, page, public_url, network)


@pytest.mark.parametrize("browser_url", [
    "http://localhost:8501/classroom",
    "http://127.0.0.1:8501/classroom?class=ABCDEF",
    "http://127.1.2.3:8501/classroom",
    "http://[::1]:8501/classroom",
    "http://LOCALHOST:8501/classroom/",
    "http://0.0.0.0:8501/classroom",
])
def test_a_loopback_browser_address_becomes_the_network_address_with_its_port(browser_url: str) -> None:
    address = chosen(browser_url)
    assert address == AppAddress(f"http://{NETWORK}:8501", SOURCE_NETWORK)
    assert address.reachable
    assert address.page("classroom", "class=ABCDEF") == f"http://{NETWORK}:8501/classroom?class=ABCDEF"


def test_an_address_other_devices_reach_is_kept() -> None:
    assert chosen("http://10.0.0.5:8501/classroom") == AppAddress("http://10.0.0.5:8501", SOURCE_BROWSER)
    assert chosen("https://ai.school.kr/classroom") == AppAddress("https://ai.school.kr", SOURCE_BROWSER)


def test_a_path_prefix_behind_a_proxy_is_kept() -> None:
    assert chosen("https://ai.school.kr/dl/classroom?class=X").root == "https://ai.school.kr/dl"
    assert chosen("http://localhost:8080/dl/lab/classroom/").root == f"http://{NETWORK}:8080/dl/lab"
    assert chosen("http://localhost:8501/dl/concepts", page="concepts").root == f"http://{NETWORK}:8501/dl"
    # Only the page's own path is removed, never a folder that merely ends the same way.
    assert chosen("http://10.0.0.5/myclassroom").root == "http://10.0.0.5/myclassroom"


def test_ipv6_literals_stay_bracketed() -> None:
    assert chosen("http://[::1]:8501/classroom", network="2001:db8::17").root == "http://[2001:db8::17]:8501"
    assert chosen("http://[2001:db8::2]:8501/classroom").root == "http://[2001:db8::2]:8501"
    assert chosen("http://[::ffff:127.0.0.1]:8501/classroom").source == SOURCE_NETWORK


def test_without_a_port_the_default_port_is_kept_implicit() -> None:
    assert chosen("http://localhost/classroom").root == f"http://{NETWORK}"


def test_no_network_address_means_no_address_for_students() -> None:
    address = chosen("http://localhost:8501/classroom", network=None)
    assert address.source == SOURCE_NONE and not address.reachable
    assert chosen("http://localhost:8501/classroom", network="127.0.0.1").source == SOURCE_NONE


def test_an_unreadable_browser_address_is_taken_as_localhost() -> None:
    assert chosen("") == AppAddress(f"http://{NETWORK}:8501", SOURCE_NETWORK)


@pytest.mark.parametrize("browser_url", ["http://localhost:8501/classroom", "http://10.0.0.5:8501/classroom", ""])
def test_the_public_url_overrides_every_other_address(browser_url: str) -> None:
    assert chosen(browser_url, "https://ai.school.kr/dl/") == AppAddress("https://ai.school.kr/dl", SOURCE_PUBLIC)
    assert chosen(browser_url, "HTTP://classroom.lan:8080", network=None).root == "http://classroom.lan:8080"
    assert chosen(browser_url, "http://[2001:db8::9]/").root == "http://[2001:db8::9]"


@pytest.mark.parametrize("public_url", [
    "ai.school.kr/dl", "ftp://ai.school.kr", "https://", "https://:8080/", "http://ai.school.kr:99999/",
    "https://ai.school.kr/dl?class=ABC", "https://ai.school.kr/#top",
])
def test_an_unusable_public_url_is_refused_in_korean(public_url: str) -> None:
    with pytest.raises(ClassroomError) as error:
        chosen("http://localhost:8501/classroom", public_url)
    assert PUBLIC_URL_VARIABLE in error.value.message_ko and "예:" in error.value.message_ko


def test_a_public_url_with_credentials_is_refused_without_repeating_them() -> None:
    with pytest.raises(ClassroomError) as error:
        chosen("http://localhost:8501/classroom", "https://teacher:s3cret@ai.school.kr/")
    assert "s3cret" not in error.value.message_ko + error.value.message_en
    assert "비밀번호" in error.value.message_ko


def test_the_public_url_setting_comes_from_the_environment() -> None:
    assert public_url_setting({PUBLIC_URL_VARIABLE: " https://ai.school.kr/ "}) == "https://ai.school.kr/"
    assert public_url_setting({PUBLIC_URL_VARIABLE: "  "}) is None
    assert public_url_setting({}) is None


@pytest.mark.parametrize(("host", "loopback"), [
    ("localhost", True), ("app.localhost", True), ("127.0.0.1", True), ("[::1]", True), ("::", True),
    ("192.168.0.23", False), ("ai.school.kr", False), ("2001:db8::1", False), ("localhost.school.kr", False),
])
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert host_is_loopback(host) is loopback


def test_the_network_host_follows_the_routes(monkeypatch: pytest.MonkeyPatch) -> None:
    routes = {"8.8.8.8": None, "10.254.254.254": None, "172.31.254.254": "127.0.0.1", "192.168.254.254": NETWORK}
    monkeypatch.setattr(addresses, "_route_source", routes.get)
    assert network_host() == NETWORK
    assert network_host("0.0.0.0") == NETWORK
    # A proxy on this machine may still serve the network when the server itself listens on loopback.
    assert network_host("127.0.0.1") == NETWORK
    assert network_host("10.1.2.3") == "10.1.2.3"
    monkeypatch.setattr(addresses, "_route_source", lambda target: None)
    assert network_host() is None


def test_the_route_probe_answers_without_a_network() -> None:
    # Loopback always has a route; whatever this machine's network, the probe returns an address or None.
    assert addresses._route_source("127.0.0.1") == "127.0.0.1"
    found = network_host()
    assert found is None or not host_is_loopback(found)
