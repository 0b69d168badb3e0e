"""Helpers for the fault scripts that drive the app in this process (Django's test client)."""

import logging
import statistics
import time


class Counting(logging.Handler):
    """Keeps the messages of one logger, to count what an outage wrote."""

    def __init__(self, name: str):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        logging.getLogger(name).addHandler(self)

    def emit(self, record):
        self.messages.append(record.getMessage())


def timed(call) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def summary(milliseconds: list[float]) -> str:
    if not milliseconds:
        return "n/a"
    return (
        f"median {statistics.median(milliseconds):.0f} ms, max {max(milliseconds):.0f} ms "
        f"(n={len(milliseconds)})"
    )


def clients():
    """(page client signed in as the backbone, API client with the partner's token, anonymous)."""
    from django.test import Client

    from initiatives import services
    from initiatives.models import User

    backbone = User.objects.get(email="backbone@example.org")
    partner = User.objects.get(email="partner@example.org")
    page = Client()
    page.force_login(backbone)
    _token, raw = services.api_token_create(user=partner, name=f"faults {time.time():.0f}")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return page, api, Client()


def submitted(count: int) -> list:
    """`count` values of the backbone's initiative (in periods not locked) put back to
    'submitted', to approve again."""
    from measurement.models import Submission

    ids = list(
        Submission.objects.filter(indicator__initiative__slug="5x2-stem-excellence")
        .exclude(period__state="locked")
        .order_by("pk")
        .values_list("pk", flat=True)[:count]
    )
    Submission.objects.filter(pk__in=ids).update(state="submitted")
    return list(Submission.objects.filter(pk__in=ids).select_related("indicator__initiative"))


def approve(page, submission) -> tuple[float, str]:
    from django.urls import reverse

    url = reverse(
        "measurement:submission_approve",
        args=[submission.indicator.initiative.slug, submission.pk],
    )
    milliseconds, _response = timed(lambda: page.post(url))
    submission.refresh_from_db(fields=["state"])
    return milliseconds, submission.state


def http_clients(base: str, raw_token: str):
    """(page session signed in as the backbone, API session with a token, anonymous session)."""
    import re

    import requests

    page = requests.Session()
    form = page.get(f"{base}/accounts/login/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    page.post(
        f"{base}/accounts/login/",
        data={
            "csrfmiddlewaretoken": token,
            "username": "backbone@example.org",
            "password": "sheatufim-demo",
        },
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=10,
    )
    api = requests.Session()
    api.headers["Authorization"] = f"Bearer {raw_token}"
    return page, api, requests.Session()


def api_token(email: str = "partner@example.org") -> str:
    from initiatives import services
    from initiatives.models import User

    _token, raw = services.api_token_create(
        user=User.objects.get(email=email), name=f"faults {time.time():.3f}"
    )
    return raw
