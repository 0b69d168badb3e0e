"""The round pages' queries do not grow with the data: the list with more rounds, a round's
page with more respondents, the answer page with a larger template."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backbone.models import Response
from backbone.services import answers as answer_services
from backbone.services import rounds as services
from initiatives.models import Role
from tests.backbone import round_factories as f
from tests.personas import member


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _people(world, n, start):
    for i in range(start, start + n):
        member(f"rep{i}@example.org", Role.PARTNER, world.initiative, world.partner_org)


@pytest.mark.parametrize("persona", ["backbone", "partner", "viewer"])
def test_round_list(client, world, persona):
    made = f.template()
    client.force_login(getattr(world, persona))
    url = reverse("backbone:round_list", args=["stem"])
    counts = []
    for n in (1, 6):
        for i in range(n):
            services.round_open(round=f.round(world, made, title=f"r{n}-{i}"), by=world.backbone)
            f.round(world, made, title=f"d{n}-{i}")
        counts.append(_count(client, url))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("anonymous", [True, False])
def test_round_detail(client, world, anonymous):
    client.force_login(world.backbone)
    counts = []
    for n, start in ((1, 0), (8, 10)):
        _people(world, n, start)
        round = f.open_round(world, title=f"r{n}", anonymous=anonymous)
        counts.append(_count(client, reverse("backbone:round_detail", args=["stem", round.pk])))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("closed", [False, True])
def test_answer_page(client, world, closed):
    client.force_login(world.partner)
    counts = []
    for size in (1, 5):
        made = f.template(key=f"t{size}", sections=size, benchmarks=size)
        round = f.open_round(world, made, title=f"r{size}")
        answer_services.answers_save(
            response=Response.objects.get(round=round, respondent=world.partner),
            answers=f.all_answered(made),
            by=world.partner,
        )
        if closed:
            round = services.round_close(round=round, by=world.backbone)
        counts.append(_count(client, reverse("backbone:answer", args=["stem", round.pk])))
    assert counts[0] == counts[1]
