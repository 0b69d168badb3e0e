"""A page shows only what its reader may do: every same-site link and form on the pages of
shared measurement, of the activities (and the initiative's page), followed as the persona who
saw it, answers something other than 403."""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from activities.models import ActivityRole
from agenda.models import Strategy
from initiatives.models import Initiative, InitiativeKind
from measurement import services
from measurement.models import MeasurementSettings, SubmissionState
from tests.activities.factories import activity
from tests.agenda.factories import adopted_agenda
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report, values
from tests.personas import login_as

# Those who see the pages at all; the outsider gets 404s and the visitor the sign-in page.
READERS = ["backbone", "partner", "facilitator", "viewer", "superuser"]
# Links that change who is signed in or the language: not an action of the page.
SKIP = ("/accounts/logout/", "/i18n/", "/static/", "/admin/")
MAX_PAGES = 400


class _Links(HTMLParser):
    """Every <a href> and every <form> (method, action, its named inputs) of a page."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action") or "",
                "data": {},
            }
            self.forms.append(self._form)
        elif tag in ("input", "textarea", "select", "button") and self._form is not None:
            name = attrs.get("name")
            if name and attrs.get("type") not in ("file", "checkbox", "radio"):
                self._form["data"].setdefault(name, attrs.get("value") or "x")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _same_site(base: str, href: str) -> str | None:
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    if href.startswith(("#", "mailto:", "javascript:")) or parts.path.startswith(SKIP):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture
def data(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    initiative = world.initiative
    indicator = IndicatorFactory(initiative=initiative, code="MATH5", name="Math students")
    period = PeriodFactory(initiative=initiative)
    assign(indicator, world.partner_org, world.second_org)
    report(
        indicator,
        world.partner_org,
        period,
        partner=world.partner,
        reviewer=world.backbone,
        value=7,
    )
    submitted = report(
        indicator,
        world.second_org,
        period,
        partner=world.backbone,
        state=SubmissionState.SUBMITTED,
        value=9,
    )
    services.submission_save(
        user=world.backbone,
        indicator=indicator,
        organization=world.second_org,
        period=period,
        values=values(9),
        submit=True,
        evidence=SimpleUploadedFile("attendance.pdf", b"%PDF-1.4 x"),
        version=submitted.version,
    )
    return indicator, period


@pytest.fixture
def activities(world, data):
    """The partner's activity (a lead, aiming at the indicator) and another organization's."""
    indicator, _period = data
    adopted_agenda(world, goals=1, strategies=2)
    first, second = Strategy.objects.filter(goal__initiative=world.initiative).order_by("id")
    own = activity(world, first, role=ActivityRole.LEAD, indicators=[indicator])
    others = activity(world, second, organization=world.second_org, title="Robotics")
    return own, others


def _activity_starts(world, activities) -> list[str]:
    slug = world.initiative.slug
    urls = [reverse(f"activities:{name}", args=[slug]) for name in ("list", "matrix", "create")]
    for done in activities:
        urls += [
            reverse(f"activities:{name}", args=[slug, done.pk])
            for name in ("detail", "edit", "delete")
        ]
    return urls


def _starts(world, indicator, period) -> list[str]:
    slug = world.initiative.slug
    names = [
        "indicator_list",
        "dashboard",
        "period_list",
        "reporting",
        "review_queue",
        "completeness",
        "import_upload",
        "partner_home",
        "indicator_create",
    ]
    urls = [reverse(f"measurement:{name}", args=[slug]) for name in names]
    urls += [
        reverse("measurement:indicator_detail", args=[slug, indicator.pk]),
        reverse("measurement:indicator_edit", args=[slug, indicator.pk]),
        reverse("measurement:period_report", args=[slug, period.pk]),
        reverse("measurement:portfolio"),
        reverse("initiatives:detail", args=[slug]),
    ]
    return urls


def _crawl(client, starts) -> tuple[list[str], list[tuple[str, str]]]:
    """Pages read, and every (page, link or form) of a link or form that answered 403."""
    queue = [(url, None) for url in starts]
    status: dict[str, int] = {}
    visited, forbidden = [], []
    while queue and len(status) < MAX_PAGES:
        url, where = queue.pop(0)
        if url in status:
            if status[url] == 403 and where is not None:
                forbidden.append((where, url))
            continue
        response = client.get(url)
        status[url] = response.status_code
        if response.status_code == 403 and where is not None:
            forbidden.append((where, url))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        visited.append(url)
        page = _Links()
        page.feed(response.content.decode())
        for href in page.links:
            target = _same_site(url, href)
            if target is not None:
                queue.append((target, url))
        for form in page.forms:
            target = _same_site(url, form["action"] or url)
            if target is None:
                continue
            if form["method"] == "get":
                queue.append((target, url))
                continue
            # A form's action is posted inside a savepoint rolled back: the pages that follow
            # see the data unchanged.
            with transaction.atomic():
                posted = client.post(target, form["data"]).status_code
                transaction.set_rollback(True)
            if posted == 403:
                forbidden.append((url, f"POST {target}"))
    return visited, forbidden


@pytest.mark.parametrize("variant", ["collective_impact", "sphere", "shares_raw_values"])
@pytest.mark.parametrize("persona", READERS)
def test_no_link_or_form_leads_to_not_allowed(client, world, data, activities, persona, variant):
    indicator, period = data
    if variant == "sphere":  # the facilitator runs a sphere
        Initiative.objects.filter(pk=world.initiative.pk).update(kind=InitiativeKind.SPHERE)
    if variant == "shares_raw_values":  # every member sees every value (and completeness)
        MeasurementSettings.objects.update_or_create(
            initiative=world.initiative, defaults={"shares_raw_values": True}
        )
    login_as(client, world, persona)

    # The pages a reader may not open (another's activity's edit, the form of a viewer) are
    # 403 by design: only the links and forms on the pages they may open must not be.
    starts = _starts(world, indicator, period) + _activity_starts(world, activities)
    visited, forbidden = _crawl(client, starts)

    assert len(visited) >= 5, visited
    assert any("/activities/matrix/" in url for url in visited), visited
    assert {target: where for where, target in forbidden} == {}
