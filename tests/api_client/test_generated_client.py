"""A client generated from the live schema runs the whole loop, type-checked (issue 16).

The schema is written from the running code, openapi-python-client (pinned in the dev
dependencies) generates a package from it, mypy --strict checks loop.py against that
package, and loop.py runs against a live server with real tokens. A schema that lies about
what a response holds fails the type check or the loop.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from initiatives import services as initiative_services
from measurement.models import Rollup, Submission
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign
from tests.personas import build_world

HERE = Path(__file__).parent
BIN = Path(sys.executable).parent


def _run(*command, cwd, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """The generated package's folder (holding `sheatufim_client`)."""
    folder = tmp_path_factory.mktemp("client")
    schema = folder / "schema.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(schema))
    done = _run(
        BIN / "openapi-python-client",
        "generate",
        "--path",
        schema,
        "--config",
        HERE / "client-config.yml",
        "--meta",
        "none",
        "--output-path",
        folder / "sheatufim_client",
        cwd=folder,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return folder


def test_the_loop_type_checks_against_the_generated_client(generated):
    env = {**os.environ, "MYPYPATH": str(generated)}
    done = _run(
        BIN / "mypy",
        "--strict",
        "--follow-imports=silent",  # the generated package's own style is not ours to check
        "--no-incremental",
        "--cache-dir=/dev/null",
        HERE / "loop.py",
        cwd=generated,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "type: ignore" not in (HERE / "loop.py").read_text()


@pytest.mark.django_db(transaction=True)
def test_the_loop_runs_against_a_live_server(generated, live_server, eager_celery):
    world = build_world()
    indicator = IndicatorFactory(initiative=world.initiative, code="LOOP")
    second = IndicatorFactory(initiative=world.initiative, code="BULK")
    period = PeriodFactory(initiative=world.initiative)
    assign(indicator, world.partner_org)
    assign(second, world.partner_org)
    _token, partner = initiative_services.api_token_create(user=world.partner, name="loop")
    _token, backbone = initiative_services.api_token_create(user=world.backbone, name="loop")
    env = {
        **os.environ,
        "PYTHONPATH": str(generated),
        "SHEATUFIM_URL": live_server.url,
        "PARTNER_TOKEN": partner,
        "BACKBONE_TOKEN": backbone,
        "INDICATOR": str(indicator.pk),
        "SECOND_INDICATOR": str(second.pk),
        "ORGANIZATION": str(world.partner_org.pk),
        "PERIOD": str(period.pk),
    }
    done = _run(sys.executable, HERE / "loop.py", cwd=generated, env=env)
    lines = done.stdout.strip().splitlines()
    assert lines, done.stderr
    result = json.loads(lines[-1])
    assert result["problems"] == [], done.stdout + done.stderr
    assert done.returncode == 0
    submission = Submission.objects.get(pk=result["submission"])
    assert (submission.state, submission.comment) == ("approved", "Counted in March")
    assert Rollup.objects.get(indicator=indicator, period=period).value == 150
    assert result["figure"] == "150.000000"
    assert Submission.objects.filter(indicator=second, state="submitted").count() == 1
