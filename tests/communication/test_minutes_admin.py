"""Minutes, decisions and action items in admin: they open, approved minutes are read-only,
the steps and status changes go through the services."""

from django.urls import reverse

from communication.models import MinutesState
from tests.communication import minutes_factories as f


def test_admin_pages_open(client, world):
    meeting = f.meeting(world)
    minutes = f.approved(world, meeting)
    decision = f.decision(world)
    item = f.action_item(world)
    client.force_login(world.superuser)
    for name, pk in [
        ("minutes", minutes.pk),
        ("decision", decision.pk),
        ("actionitem", item.pk),
    ]:
        assert client.get(reverse(f"admin:communication_{name}_changelist")).status_code == 200
        page = client.get(reverse(f"admin:communication_{name}_change", args=[pk]))
        assert page.status_code == 200
    page = client.get(reverse("admin:communication_minutes_change", args=[minutes.pk]))
    assert 'name="body"' not in page.content.decode()  # locked


def test_admin_actions_use_the_services(client, world):
    meeting = f.meeting(world)
    minutes = f.drafted(world, meeting)
    decision = f.decision(world)
    client.force_login(world.superuser)
    url = reverse("admin:communication_minutes_changelist")
    client.post(url, {"action": "circulate", "_selected_action": [minutes.pk]})
    client.post(url, {"action": "approve", "_selected_action": [minutes.pk]})
    minutes.refresh_from_db()
    assert minutes.state == MinutesState.APPROVED
    url = reverse("admin:communication_decision_changelist")
    client.post(url, {"action": "set_revoked", "_selected_action": [decision.pk]})
    assert decision.changes.get().status_after == "revoked"


def test_the_owner_change_in_admin_marks_done(client, world):
    item = f.action_item(world)
    client.force_login(world.superuser)
    url = reverse("admin:communication_actionitem_change", args=[item.pk])
    data = {
        "title": item.title,
        "owner": world.partner.pk,
        "organization": world.partner_org.pk,
        "due_on": "",
        "status": "done",
        "working_group": "",
        "note": "",
        "language": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.status == "done" and item.completed_at is not None


def test_minutes_edited_in_admin_keep_their_versions_and_a_refusal_is_not_a_success(client, world):
    from communication.services import minutes as services

    m = f.meeting(world)
    minutes = services.minutes_save(
        user=world.backbone,
        meeting=m,
        body="We met.",
        language="en",
        translations={"body": {"he": "נפגשנו."}},
    )
    client.force_login(world.superuser)
    url = reverse("admin:communication_minutes_change", args=[minutes.pk])
    inlines = {
        f"{prefix}-{name}": 0
        for prefix in ("comments", "corrections")
        for name in ("TOTAL_FORMS", "INITIAL_FORMS")
    }
    assert client.post(url, {"body": "We met and agreed.", **inlines}).status_code == 302
    minutes.refresh_from_db()
    assert minutes.body == "We met and agreed."
    assert minutes.translations == {"body": {"he": "נפגשנו."}} and minutes.language == "en"

    m.status = "cancelled"
    m.save()
    response = client.post(url, {"body": "Changed after all.", **inlines})
    assert response.status_code == 200  # the form again, with the service's refusal
    minutes.refresh_from_db()
    assert minutes.body == "We met and agreed."
