"""A worker that loses Redis reconnects, and the deployment restarts one that exits anyway."""

from pathlib import Path

import yaml
from django.conf import settings


def test_worker_and_beat_restart_by_themselves():
    compose = yaml.safe_load((Path(settings.BASE_DIR) / "docker-compose.yml").read_text())
    for name in ("worker", "beat"):
        assert compose["services"][name]["restart"] in {"always", "unless-stopped"}, name
    assert "inspect ping" in " ".join(compose["services"]["worker"]["healthcheck"]["test"])
