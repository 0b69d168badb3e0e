import os
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class PrivateRedis:
    """A redis-server of the test's own, on a free port, stopped by the pid it wrote."""

    port: int
    pidfile: Path

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def cache_settings(self) -> dict:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": self.url,
                "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            }
        }

    def listening(self) -> bool:
        with socket.socket() as probe:
            probe.settimeout(0.2)
            return probe.connect_ex(("127.0.0.1", self.port)) == 0

    def stop(self) -> None:
        if self.pidfile.exists():
            os.kill(int(self.pidfile.read_text().strip()), 15)
            self.pidfile.unlink(missing_ok=True)
        deadline = time.monotonic() + 10
        while self.listening() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not self.listening(), "the private Redis did not stop"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def private_redis(tmp_path, settings):
    """A Redis that the test may take away (never the shared one); the cache points at it."""
    redis = PrivateRedis(port=_free_port(), pidfile=tmp_path / "redis.pid")
    subprocess.run(
        ["redis-server", "--port", str(redis.port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--daemonize", "yes", "--pidfile", str(redis.pidfile),
         "--logfile", str(tmp_path / "redis.log")],
        check=True,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while not (redis.listening() and redis.pidfile.exists()) and time.monotonic() < deadline:
        time.sleep(0.05)
    settings.CACHES = redis.cache_settings()
    yield redis
    redis.stop()
