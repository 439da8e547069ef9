"""Several classroom servers behind nginx with sticky sessions, started by one command on this machine.

    python -m deploy.cluster --replicas 2 --port 8080

Streamlit keeps a student's session in one process's memory, so nginx pins each browser to its replica with a
cookie it sets (`dlc_replica`) rather than `ip_hash`, which would send a whole class behind one NAT to one replica.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NGINX = os.environ.get("NGINX", shutil.which("nginx") or "/usr/sbin/nginx")
READY_PATH = "/_classroom/ready"
STICKY_COOKIE = "dlc_replica"
REPLICA_HEADER = "X-Classroom-Replica"
READY_TIMEOUT_SECONDS = 180.0
# A browser keeps its replica for a school day.
STICKY_MAX_AGE_SECONDS = 12 * 60 * 60

NGINX_TEMPLATE = """\
worker_processes {workers};
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    # Uploads: pictures of digits and CSV files (the app refuses anything over its own limits).
    client_max_body_size 64m;

    map $http_upgrade $connection_upgrade {{
        default upgrade;
        '' close;
    }}
    # A browser without the cookie yet is placed by its first request's id; the cookie then pins it.
    map $cookie_{cookie} $classroom_sticky {{
        "" $request_id;
        default $cookie_{cookie};
    }}

    upstream classroom {{
        hash $classroom_sticky consistent;
{servers}
    }}

    server {{
        listen {listen};
        location / {{
            proxy_pass http://classroom;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header {replica_header} $classroom_sticky;
            # A lesson's websocket stays open for the whole class.
            proxy_read_timeout 86400s;
            proxy_send_timeout 86400s;
            proxy_buffering off;
            proxy_next_upstream error timeout http_502 http_503;
            proxy_connect_timeout 2s;
            add_header Set-Cookie "{cookie}=$classroom_sticky; Path=/; Max-Age={max_age}; SameSite=Lax" always;
        }}
    }}
}}
"""


def nginx_config(replica_ports: Sequence[int], listen: str, prefix: Path, workers: int = 1) -> str:
    """The nginx configuration for `replica_ports` behind `listen` ("127.0.0.1:8080"), files under `prefix`."""
    if not replica_ports:
        raise ValueError("need at least one replica port")
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in replica_ports)
    return NGINX_TEMPLATE.format(workers=workers, prefix=prefix, servers=servers, listen=listen,
                                 cookie=STICKY_COOKIE, replica_header=REPLICA_HEADER,
                                 max_age=STICKY_MAX_AGE_SECONDS)


def free_port() -> int:
    """Ask the OS for an unused loopback port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def replica_command(port: int, script: str = "serve.py") -> list[str]:
    """`streamlit run serve.py` (or another app `script`) on one loopback port."""
    return [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]


def wait_until_ready(url: str, process: subprocess.Popen, timeout: float) -> None:
    """Poll `url` until it answers 200 (or the process dies, or the time is up)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[:4]} exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.HTTPError):
            time.sleep(0.3)
    raise TimeoutError(f"{url} was not ready within {timeout:.0f} s")


def stop(process: subprocess.Popen, timeout: float = 15.0) -> None:
    """Terminate a child process, killing it if it does not stop in time."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


@dataclass
class Cluster:
    """A running set of replicas behind nginx."""

    url: str
    replica_ports: list[int]
    replicas: list[subprocess.Popen] = field(default_factory=list)
    nginx: subprocess.Popen | None = None
    folder: Path | None = None

    def replica_url(self, index: int) -> str:
        """One replica's own address (bypassing nginx)."""
        return f"http://127.0.0.1:{self.replica_ports[index]}"


@contextmanager
def running_cluster(replicas: int = 2, port: int | None = None, folder: Path | None = None,
                    wait_ready: bool = True, environ: dict[str, str] | None = None,
                    host: str = "127.0.0.1", script: str = "serve.py") -> Iterator[Cluster]:
    """Start the replicas of `script` and nginx (listening on `host`); stop them all when the block ends.

    `script` must answer `READY_PATH` once it can serve (serve.py does; tests pass a tiny app that does).
    The replicas share one cookie secret, so a student moved to another replica keeps a valid XSRF cookie
    (uploads would otherwise be refused until a reload).
    """
    if replicas < 1:
        raise ValueError(f"replicas must be at least 1, got {replicas}")
    if not Path(NGINX).exists():
        raise FileNotFoundError(f"nginx not found at {NGINX}: install Debian's nginx (apt-get install nginx)")
    with ExitStack() as stack:
        work = folder or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="classroom-cluster-")))
        listen_port = port or free_port()
        cluster = Cluster(f"http://127.0.0.1:{listen_port}", [free_port() for _ in range(replicas)], folder=work)
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32),
               **(environ or {})}
        for index, replica_port in enumerate(cluster.replica_ports):
            log = stack.enter_context(open(work / f"replica-{index}.log", "w", encoding="utf-8"))
            process = subprocess.Popen(replica_command(replica_port, script), cwd=PROJECT_ROOT, stdout=log,
                                       stderr=subprocess.STDOUT, env=env)
            stack.callback(stop, process)
            cluster.replicas.append(process)
        config = work / "nginx.conf"
        config.write_text(nginx_config(cluster.replica_ports, f"{host}:{listen_port}", work), encoding="utf-8")
        cluster.nginx = subprocess.Popen([NGINX, "-p", str(work), "-c", str(config), "-g", "daemon off;"],
                                         cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        stack.callback(stop, cluster.nginx)
        if wait_ready:
            for index, process in enumerate(cluster.replicas):
                wait_until_ready(cluster.replica_url(index) + READY_PATH, process, READY_TIMEOUT_SECONDS)
            wait_until_ready(cluster.url + "/_stcore/health", cluster.nginx, 30)
        yield cluster


def main(argv: list[str] | None = None) -> None:
    """Run the cluster until Ctrl-C (or SIGTERM); a replica that dies meanwhile is routed around by nginx."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=os.cpu_count() or 2,
                        help="Streamlit processes (default: one per core)")
    parser.add_argument("--port", type=int, default=8080, help="the port nginx listens on")
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address nginx listens on (0.0.0.0 inside the Docker image)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with running_cluster(args.replicas, args.port, host=args.host) as cluster:
        print(f"classroom ready at {cluster.url} ({args.replicas} replicas: {cluster.replica_ports})", flush=True)
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            print("stopping", flush=True)


if __name__ == "__main__":
    main()
