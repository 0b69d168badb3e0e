"""Who reads and who writes the phases, on the page and through the API: any member of the
initiative reads; its backbone staff (a sphere's facilitator) write; another initiative's
people and outsiders get a 404; bad input is a 400 at its field."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from backbone.models import PhaseChange, PhaseCheck, PhaseItem
from backbone.services import phases as services
from initiatives.models import Initiative, Role
from tests.initiatives.factories import MembershipFactory, SphereFactory
from tests.personas import PERSONAS, api_client_as, check, login_as

pytestmark = pytest.mark.django_db

READS = {"backbone", "partner", "facilitator", "viewer", "superuser"}
WRITES = {"backbone", "superuser"}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def item(key="p1-governance-steering-committee") -> PhaseItem:
    return PhaseItem.objects.get(key=key)


def expected(persona: str, *, write: bool, ok: int):
    if persona == "anonymous":
        return "login"
    if persona in (WRITES if write else READS):
        return ok
    return 403 if persona in READS else 404


def phase_of(world) -> int:
    return Initiative.objects.get(pk=world.initiative.pk).phase


# --- pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_phases_page(client, world, persona):
    login_as(client, world, persona)
    response = client.get(reverse("backbone:phases", args=[world.initiative.slug]))
    check(response, expected(persona, write=False, ok=200))
    if response.status_code == 200:
        page = response.content.decode()
        assert "Current phase:" in page and "Phase 0: assess readiness" in page
        assert "Convene a cross-sector steering committee." in page
        change_url = reverse("backbone:phase_change", args=[world.initiative.slug])
        assert (change_url in page) == (persona in WRITES)


@pytest.mark.parametrize("persona", PERSONAS)
def test_changing_the_phase_on_the_page(client, world, persona):
    login_as(client, world, persona)
    url = reverse("backbone:phase_change", args=[world.initiative.slug])
    response = client.post(url, {"phase": "2", "note": "Agenda adopted"})
    check(response, expected(persona, write=True, ok=302))
    assert phase_of(world) == (2 if persona in WRITES else 0)


@pytest.mark.parametrize("persona", PERSONAS)
def test_checking_an_item_on_the_page(client, world, persona):
    login_as(client, world, persona)
    url = reverse("backbone:phase_check", args=[world.initiative.slug, item().pk])
    data = {
        f"item-{item().pk}-done": "on",
        f"item-{item().pk}-evidence": "Met on 3 March",
        f"item-{item().pk}-link": "https://example.org/minutes",
    }
    check(client.post(url, data), expected(persona, write=True, ok=302))
    assert PhaseCheck.objects.filter(done=True).exists() == (persona in WRITES)


def test_the_page_shows_checks_and_history_with_who(client, world):
    services.phase_check(
        initiative=world.initiative, item=item(), done=True, evidence="Met", by=world.backbone
    )
    services.phase_change(initiative=world.initiative, to_phase=1, note="Go", by=world.backbone)
    client.force_login(world.viewer)
    page = client.get(reverse("backbone:phases", args=[world.initiative.slug])).content.decode()
    assert "Phase 0: assess readiness to Phase I: initiate action" in page
    assert world.backbone.get_full_name() in page
    assert "current phase" in page and "1 of 8 items done (12%)" in page


def test_the_page_refuses_the_same_phase_at_its_field(client, world):
    client.force_login(world.backbone)
    url = reverse("backbone:phase_change", args=[world.initiative.slug])
    response = client.post(url, {"phase": "0"})
    assert response.status_code == 400
    assert "The initiative is already in this phase." in response.content.decode()
    assert response.context["change_form"].errors["phase"]
    assert client.post(url, {"phase": "7"}).status_code == 400
    assert not PhaseChange.objects.exists()


def test_the_page_refuses_a_bad_link_at_its_field(client, world):
    client.force_login(world.backbone)
    pk = item().pk
    url = reverse("backbone:phase_check", args=[world.initiative.slug, pk])
    response = client.post(url, {f"item-{pk}-done": "on", f"item-{pk}-link": "no link"})
    assert response.status_code == 400
    assert not PhaseCheck.objects.exists()


def test_an_item_that_does_not_exist_is_a_404(client, world):
    client.force_login(world.backbone)
    url = reverse("backbone:phase_check", args=[world.initiative.slug, 999_999])
    assert client.post(url, {}).status_code == 404


def test_a_spheres_facilitator_changes_its_phase_on_the_page(client, world):
    sphere = SphereFactory()
    MembershipFactory(user=world.facilitator, initiative=sphere, role=Role.FACILITATOR)
    client.force_login(world.facilitator)
    url = reverse("backbone:phase_change", args=[sphere.slug])
    assert client.post(url, {"phase": "1"}).status_code == 302
    assert Initiative.objects.get(pk=sphere.pk).phase == 1


# --- API -----------------------------------------------------------------------------------


def api_expected(persona: str, *, write: bool, ok: int) -> int:
    code = expected(persona, write=write, ok=ok)
    return 401 if code == "login" else code


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_items_are_read_by_anyone_signed_in(world, persona):
    response = api_client_as(world, persona).get("/api/v1/phase-items/?page_size=100")
    if persona == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 32
    first = body["results"][0]
    assert first["text_he"] and first["text_ar"] and first["language"] == "en"


def test_the_items_cannot_be_written(world):
    client = api_client_as(world, "backbone")
    assert client.post("/api/v1/phase-items/", {"key": "x"}, format="json").status_code == 405


@pytest.mark.parametrize("persona", PERSONAS)
def test_posting_a_check(world, persona):
    client = api_client_as(world, persona)
    body = {"initiative": world.initiative.slug, "item": item().pk, "done": True}
    response = client.post("/api/v1/phase-checks/", body, format="json")
    assert response.status_code == api_expected(persona, write=True, ok=201)
    if response.status_code == 201:
        assert response.json()["done"] is True
        again = client.post("/api/v1/phase-checks/", {**body, "done": False}, format="json")
        assert again.status_code == 200 and again.json()["done"] is False
        assert PhaseCheck.objects.count() == 1
    else:
        assert not PhaseCheck.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_listing_and_patching_checks(world, persona):
    made = services.phase_check(
        initiative=world.initiative, item=item(), done=False, by=world.backbone
    )
    client = api_client_as(world, persona)
    listed = client.get(f"/api/v1/phase-checks/?initiative={world.initiative.slug}")
    patched = client.patch(f"/api/v1/phase-checks/{made.pk}/", {"done": True}, format="json")
    if persona == "anonymous":
        assert listed.status_code == patched.status_code == 401
        return
    assert listed.status_code == 200
    ids = [row["id"] for row in listed.json()["results"]]
    assert ids == ([made.pk] if persona in READS else [])
    assert patched.status_code == api_expected(persona, write=True, ok=200)
    assert PhaseCheck.objects.get().done == (persona in WRITES)


@pytest.mark.parametrize("persona", PERSONAS)
def test_posting_a_phase_change(world, persona):
    client = api_client_as(world, persona)
    body = {"initiative": world.initiative.slug, "to_phase": 1, "note": "Launched"}
    response = client.post("/api/v1/phase-changes/", body, format="json")
    assert response.status_code == api_expected(persona, write=True, ok=201)
    assert phase_of(world) == (1 if persona in WRITES else 0)
    if response.status_code == 201:
        out = response.json()
        assert (out["from_phase"], out["to_phase"], out["by"]) == (0, 1, getattr(world, persona).pk)
        assert out["at"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_listing_phase_changes(world, persona):
    services.phase_change(initiative=world.initiative, to_phase=2, by=world.backbone)
    response = api_client_as(world, persona).get("/api/v1/phase-changes/")
    if persona == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    assert response.json()["count"] == (1 if persona in READS else 0)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"to_phase": 0}, "to_phase"),  # the phase it is in
        ({"to_phase": 4}, "to_phase"),
        ({"to_phase": "x"}, "to_phase"),
        ({"to_phase": None}, "to_phase"),
        ({"to_phase": 1, "note": 5}, "note"),
        ({"to_phase": 1, "initiative": ["stem"]}, "initiative"),
    ],
)
def test_a_bad_phase_change_is_a_400_at_its_field(world, body, field):
    client = api_client_as(world, "backbone")
    response = client.post(
        "/api/v1/phase-changes/", {"initiative": world.initiative.slug, **body}, format="json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert phase_of(world) == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"item": 999_999}, "item"),
        ({"item": "one"}, "item"),
        ({"done": "yes"}, "done"),
        ({"evidence_url": "not a link"}, "evidence_url"),
        ({"evidence": "a\x00b"}, "evidence"),
    ],
)
def test_a_bad_check_is_a_400_at_its_field(world, body, field):
    client = api_client_as(world, "backbone")
    base = {"initiative": world.initiative.slug, "item": item().pk, "done": True}
    response = client.post("/api/v1/phase-checks/", {**base, **body}, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert not PhaseCheck.objects.exists()


def test_another_initiative_is_a_404_even_for_its_staff_elsewhere(world):
    client = api_client_as(world, "backbone")
    body = {"initiative": world.other_initiative.slug, "to_phase": 1}
    assert client.post("/api/v1/phase-changes/", body, format="json").status_code == 404
    body = {"initiative": "no-such-initiative", "item": item().pk, "done": True}
    assert client.post("/api/v1/phase-checks/", body, format="json").status_code == 404


@pytest.mark.parametrize(
    ("lang", "text"),
    [("he", "לכנס ועדת היגוי רב-מגזרית."), ("ar", "تشكيل لجنة توجيهية متعددة القطاعات.")],
)
def test_a_reader_reads_the_checklist_in_their_language(client, world, lang, text):
    client.force_login(world.partner)
    url = reverse("backbone:phases", args=[world.initiative.slug])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert f'<bdi lang="{lang}">{text}</bdi>' in page
