"""A private PostgreSQL cluster and a private Redis for the fault checks, and the app's env.

Ports other than the shared 5432/6379 (FAULT_PG_PORT, FAULT_REDIS_PORT); everything lives in
FAULT_DIR. Processes are stopped by the pid this module started, never by name.
"""

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIR = Path(os.environ.get("FAULT_DIR", "/tmp/sheatufim-faults"))
PG_PORT = int(os.environ.get("FAULT_PG_PORT", "55439"))
REDIS_PORT = int(os.environ.get("FAULT_REDIS_PORT", "56391"))
PG_BIN = Path(os.environ.get("FAULT_PG_BIN", "/usr/lib/postgresql/15/bin"))
PG_USER = "pgfault"  # initdb refuses to run as root
SHARED_PORTS = {5432, 6379}
DATABASE_URL = f"postgres://postgres@127.0.0.1:{PG_PORT}/faults"
REDIS_URL = f"redis://127.0.0.1:{REDIS_PORT}/0"
PYTHON = str(ROOT / ".venv" / "bin" / "python")

assert not {PG_PORT, REDIS_PORT} & SHARED_PORTS, "the fault checks never use the shared ports"


def app_env(**extra: str) -> dict[str, str]:
    """The environment of a web process or worker on the private services."""
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "DEBUG": "0",
        "SECRET_KEY": "faults-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "STATIC_MANIFEST": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
        "PYTHONPATH": str(ROOT),
    }
    env.update(extra)
    return env


def use_in_this_process() -> None:
    """Point this process's Django at the private services (before django.setup())."""
    os.environ.update({k: v for k, v in app_env().items() if k != "PYTHONPATH"})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sheatufim.settings")
    sys.path.insert(0, str(ROOT))


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.3)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def wait_for(predicate, timeout: float, step: float = 0.1) -> float | None:
    """Seconds until predicate() is true, or None after timeout."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        time.sleep(step)
    return None


# Redis -------------------------------------------------------------------------------------

REDIS_PID = DIR / "redis.pid"


def redis_start() -> None:
    DIR.mkdir(parents=True, exist_ok=True)
    if port_open(REDIS_PORT):
        return
    subprocess.run(
        ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--daemonize", "yes", "--pidfile", str(REDIS_PID),
         "--logfile", str(DIR / "redis.log")],
        check=True,
    )  # fmt: skip
    assert wait_for(lambda: port_open(REDIS_PORT), 10), "private Redis did not start"


def redis_stop() -> None:
    _kill_pidfile(REDIS_PID)
    wait_for(lambda: not port_open(REDIS_PORT), 10)


# PostgreSQL ---------------------------------------------------------------------------------

PG_DATA = DIR / "pg"


def _as_pg_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["su", PG_USER, "-c", " ".join(f"'{part}'" for part in command)]


def postgres_start() -> None:
    DIR.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(PG_USER)
        except KeyError:
            subprocess.run(["useradd", "-m", PG_USER], check=True)
        shutil.chown(DIR, PG_USER)
    if not (PG_DATA / "PG_VERSION").exists():
        subprocess.run(
            _as_pg_user([str(PG_BIN / "initdb"), "-D", str(PG_DATA), "-U", "postgres",
                         "--auth=trust"]),
            check=True, capture_output=True,
        )  # fmt: skip
    if not port_open(PG_PORT):
        subprocess.run(
            _as_pg_user([str(PG_BIN / "pg_ctl"), "-D", str(PG_DATA), "-w", "-l",
                         str(DIR / "pg.log"), "-o",
                         f"-p {PG_PORT} -k {DIR} -c listen_addresses=127.0.0.1", "start"]),
            check=True, capture_output=True,
        )  # fmt: skip


def postgres_stop() -> None:
    if port_open(PG_PORT):
        subprocess.run(
            _as_pg_user([str(PG_BIN / "pg_ctl"), "-D", str(PG_DATA), "-w", "-m", "fast",
                         "stop"]),
            check=True, capture_output=True,
        )  # fmt: skip


def database_prepare() -> None:
    """The database `faults`, migrated, with the demo data (its logins and values)."""
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-qtAc",
         "select 1 from pg_database where datname='faults'"],
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(PG_PORT),
            "-U",
            "postgres",
            "-qc",
            "create database faults",
        ],
        capture_output=True,
    )  # fmt: skip; fails harmlessly when it exists
    for command in (["migrate", "--noinput"], ["seed_demo"]):
        subprocess.run(
            [PYTHON, "manage.py", *command], cwd=ROOT, env=app_env(), check=True,
            capture_output=True,
        )  # fmt: skip


# Processes ----------------------------------------------------------------------------------


def _kill_pidfile(pidfile: Path, sig: int = signal.SIGTERM) -> None:
    try:
        pid = int(pidfile.read_text().strip())
    except (FileNotFoundError, ValueError):
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


def pid_alive(pidfile: Path) -> bool:
    try:
        os.kill(int(pidfile.read_text().strip()), 0)
    except (FileNotFoundError, ValueError, ProcessLookupError):
        return False
    return True


def worker_start(name: str = "worker", concurrency: int = 2) -> tuple[Path, Path]:
    """A Celery worker (prefork, as deployed) with the fault tasks; returns (pidfile, log)."""
    pidfile, log = DIR / f"{name}.pid", DIR / f"{name}.log"
    log.unlink(missing_ok=True)
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "celery"), "-A", "sheatufim", "worker", "-I",
         "faults.tasks", f"--concurrency={concurrency}", "--detach", f"--pidfile={pidfile}",
         f"--logfile={log}", "--loglevel=info", "-n", f"{name}@faults"],
        cwd=ROOT, env=app_env(), check=True,
    )  # fmt: skip
    ready = wait_for(lambda: log.exists() and "ready." in log.read_text(), 60, 0.2)
    assert ready is not None, f"the worker did not start; see {log}"
    return pidfile, log


def worker_stop(pidfile: Path, sig: int = signal.SIGTERM) -> None:
    _kill_pidfile(pidfile, sig)
    if wait_for(lambda: not pid_alive(pidfile), 30) is None:
        _kill_pidfile(pidfile, signal.SIGKILL)
    pidfile.unlink(missing_ok=True)


def stop_everything(*pidfiles: Path) -> None:
    for pidfile in pidfiles:
        worker_stop(pidfile)
    redis_stop()
    postgres_stop()


WEB_PORT = int(os.environ.get("FAULT_WEB_PORT", "58000"))
WEB_URL = f"http://127.0.0.1:{WEB_PORT}"


def web_start(workers: int = 2, threads: int = 1) -> subprocess.Popen:
    """gunicorn on 127.0.0.1 (as deployed: persistent connections, health checks)."""
    assert not port_open(WEB_PORT), f"port {WEB_PORT} is taken"
    log = open(DIR / "web.log", "w")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "sheatufim.wsgi:application", "--bind",
         f"127.0.0.1:{WEB_PORT}", "--workers", str(workers), "--threads", str(threads),
         "--timeout", "30"],
        cwd=ROOT, env=app_env(), stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    assert wait_for(lambda: port_open(WEB_PORT), 30), "gunicorn did not start"
    return process


def web_stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
