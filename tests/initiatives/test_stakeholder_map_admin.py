"""Relationships in Django admin go through the service: its refusals at the field, the
removal through it, and the history of who did what."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from initiatives.models import Relationship

pytestmark = pytest.mark.django_db

ADD = reverse("admin:initiatives_relationship_add")


def _data(world, **changes):
    return {
        "initiative": world.initiative.pk,
        "source": world.partner_org.pk,
        "kind": "advises",
        "target": world.second_org.pk,
        "note": "Monthly advice",
        **changes,
    }


def test_an_administrator_records_a_relationship(client, world):
    client.force_login(world.superuser)
    response = client.post(ADD, _data(world))
    assert response.status_code == 302, response.content.decode()[:2000]
    made = Relationship.objects.get()
    assert (made.kind, made.created_by) == ("advises", world.superuser)
    assert LogEntry.objects.filter(object_id=str(made.pk)).exists()
    history = reverse("admin:initiatives_relationship_history", args=[made.pk])
    assert client.get(history).status_code == 200
    assert client.get(reverse("admin:initiatives_relationship_changelist")).status_code == 200
    assert (
        client.get(reverse("admin:initiatives_relationship_change", args=[made.pk])).status_code
        == 200
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"target": "SELF"}, "target"), ({"source": "OTHER"}, "source")],
)
def test_the_services_refusal_is_at_its_field(client, world, changes, field):
    replace = {"SELF": world.partner_org.pk, "OTHER": world.other_org.pk}
    client.force_login(world.superuser)
    response = client.post(ADD, _data(world, **{k: replace[v] for k, v in changes.items()}))
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not Relationship.objects.exists()


def test_removing_goes_through_the_service(client, world):
    made = Relationship.objects.create(
        initiative=world.initiative, source=world.partner_org, target=world.second_org, kind="funds"
    )
    client.force_login(world.superuser)
    url = reverse("admin:initiatives_relationship_delete", args=[made.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Relationship.objects.exists()
    again = Relationship.objects.create(
        initiative=world.initiative, source=world.partner_org, target=world.second_org, kind="funds"
    )
    changelist = reverse("admin:initiatives_relationship_changelist")
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [again.pk], "post": "yes"}
    )
    assert response.status_code == 302
    assert not Relationship.objects.exists()
