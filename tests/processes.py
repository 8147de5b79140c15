"""Real server processes for integration tests: Redis, Celery workers, gunicorn, beat.

The production commands are read from the systemd units in deploy/, so the smoke test runs
exactly what an operator runs.
"""

import os
import shlex
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

DEPLOY = Path(settings.BASE_DIR) / "deploy"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def postgresql_cluster() -> tuple[str, str] | None:
    """The local cluster (version, name) that serves the test database, if this user may
    restart it: Debian's pg_ctlcluster, run as root or as postgres."""
    if os.geteuid() != 0 and os.environ.get("USER") != "postgres":
        return None
    try:
        listing = subprocess.run(
            ["pg_lsclusters", "--no-header"], capture_output=True, text=True, timeout=20
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    port = str(settings.DATABASES["default"].get("PORT") or 5432)
    for line in listing.splitlines():
        version, name, cluster_port, status, *_ = line.split()
        if cluster_port == port and status == "online":
            return version, name
    return None


def restart_postgresql(timeout: float = 60) -> None:
    """Restart the server for real (fast shutdown: every session is cut, as in a crash or an
    upgrade), and wait until it accepts connections again."""
    import psycopg

    version, name = postgresql_cluster()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "restart", "-m", "fast"],
        check=True,
        timeout=timeout,
    )
    deadline = time.monotonic() + timeout
    while True:
        try:
            with psycopg.connect(database_url(), connect_timeout=2):
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def unit_command(unit: str, instance: str = "") -> list[str]:
    """The ExecStart of a deploy/ unit, with the venv of this checkout."""
    text = (DEPLOY / unit).read_text().replace("\\\n", " ")
    line = next(x for x in text.splitlines() if x.startswith("ExecStart="))
    command = line.removeprefix("ExecStart=").replace("%i", instance).replace("%%H", "localhost")
    argv = shlex.split(command)
    argv[0] = str(BIN / Path(argv[0]).name)
    return argv


@dataclass
class Process:
    argv: list[str]
    log: Path
    env: dict
    ready: str
    popen: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> "Process":
        return self.launch().wait_ready(timeout)

    def launch(self) -> "Process":
        """Start the process without waiting for it (see wait_ready): several processes
        booting side by side take the time of the slowest, not of all of them."""
        out = open(self.log, "a")  # noqa: SIM115 - the child owns it for its lifetime
        # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deploy process must not
        # inherit it (its start-up checks refuse it, as they would in production).
        env = {k: v for k, v in self.env.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        self.popen = subprocess.Popen(
            self.argv,
            cwd=settings.BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def wait_ready(self, timeout: float = 60) -> "Process":
        deadline = time.monotonic() + timeout
        while self.ready not in self.log.read_text(errors="replace"):
            if self.popen.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{self.argv[:3]} did not start:\n{self.output()}")
            time.sleep(0.2)
        return self

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.popen and self.popen.poll() is None:
            os.killpg(self.popen.pid, 15)
            try:
                self.popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, 9)
                self.popen.wait()


def celery_worker(log: Path, env: dict, name: str) -> Process:
    argv = [
        str(BIN / "celery"),
        "-A",
        "lms",
        "worker",
        "--loglevel=INFO",
        "--concurrency=1",
        "--pool=prefork",
        "--without-gossip",
        "--without-mingle",
        "-n",
        name,
    ]
    return Process(argv, log, env, " ready.")


class Redis:
    """A Redis server of the test's own, which the test may stop and start again."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = Process(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            workdir / f"redis-{self.port}.log",
            dict(os.environ),
            "Ready to accept connections",
        )

    def start(self):
        self.process.start()

    def stop(self):
        self.process.stop()
