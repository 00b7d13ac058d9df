"""A throwaway PostgreSQL server for the suite (`make test-pg`): started as a non-root user on
a Unix socket in a temp folder, used, and stopped whatever happens.

    python -m tests.pg_server -- COMMAND ARGS...

starts the server, runs COMMAND with CALLFLOOR_TEST_DB_URL set to a database on it, stops the
server and removes its folder, and exits with COMMAND's exit status. PostgreSQL refuses to run
as root, so as root the server runs as the system user `callfloor-pg` (made when missing); the
test processes stay root and connect over the socket as the server's superuser.

The server is tuned for tests, not for keeping data: no fsync, no full-page writes.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SERVER_USER = "callfloor-pg"
"""The system user the server runs as when the suite runs as root."""

SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "400",  # the 200-agent drill: one connection each, plus their listeners
    "shared_buffers": "128MB",
    "listen_addresses": "''",  # the Unix socket only
    "max_locks_per_transaction": "256",
}


def server_bin() -> Path:
    """The folder of initdb/pg_ctl/postgres: Debian keeps them out of PATH."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(os.path.realpath(found)).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    if not versions:
        raise SystemExit(
            "no PostgreSQL server here: install it (apt-get install postgresql) or run `make test-pg`, "
            "which installs it"
        )
    return Path(versions[-1]).parent


def _as_server_user(argv: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return argv
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVER_USER],
            check=True,
        )
    return ["runuser", "-u", SERVER_USER, "--", *argv]


class Server:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="callfloor-pg-"))
        self.data = self.folder / "data"
        self.socket = self.folder / "socket"
        self.bin = server_bin()
        self.started = False

    def start(self) -> str:
        """Start the server; returns the URL of its `callfloor` database."""
        self.socket.mkdir()
        if os.geteuid() == 0:
            owner = pwd.getpwnam(SERVER_USER) if _exists(SERVER_USER) else None
            if owner is None:
                _as_server_user(["true"])
                owner = pwd.getpwnam(SERVER_USER)
            os.chmod(self.folder, 0o755)
            for path in (self.folder, self.socket):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        subprocess.run(
            _as_server_user(
                [
                    str(self.bin / "initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                    "--no-sync",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = " ".join(f"-c {key}={value}" for key, value in SETTINGS.items())
        options += f" -c unix_socket_directories={self.socket} -k {self.socket}"
        subprocess.run(
            _as_server_user(
                [
                    str(self.bin / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-l",
                    str(self.folder / "server.log"),
                    "-o",
                    options,
                    "-w",
                    "-t",
                    "60",
                    "start",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        self.started = True
        subprocess.run(
            [
                str(self.bin / "psql"),
                "-h",
                str(self.socket),
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-qc",
                "CREATE DATABASE callfloor",
            ],
            check=True,
        )
        return self.url("callfloor")

    def url(self, database: str) -> str:
        return f"postgresql://postgres@/{database}?host={self.socket}"

    def stop(self) -> None:
        if self.started:
            subprocess.run(
                _as_server_user(
                    [str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"]
                ),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            self.started = False
        shutil.rmtree(self.folder, ignore_errors=True)


def _exists(user: str) -> bool:
    try:
        pwd.getpwnam(user)
    except KeyError:
        return False
    return True


def main(argv: list[str]) -> int:
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if not argv:
        print("usage: python -m tests.pg_server -- COMMAND ARGS...", file=sys.stderr)
        return 2
    server = Server()
    # A Ctrl+C or a CI timeout's SIGTERM still stops the server (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        url = server.start()
        print(f"PostgreSQL for the tests: {url}", flush=True)
        env = {**os.environ, "CALLFLOOR_TEST_DB_URL": url}
        started = time.monotonic()
        code = subprocess.run(argv, env=env).returncode
        print(f"(ran {time.monotonic() - started:.0f} s against PostgreSQL)", flush=True)
        return code
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
