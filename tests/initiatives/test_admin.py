"""Django admin: every model's list (with search and filters), add and change pages."""

import pytest
from django.urls import reverse

from initiatives.models import Invitation, Role
from initiatives.services import invitation_create

MODELS = ["user", "organization", "initiative", "participation", "membership", "invitation"]


@pytest.fixture
def admin_client_world(client, world):
    invitation_create(
        initiative=world.initiative,
        email="n@example.org",
        role=Role.VIEWER,
        invited_by=world.backbone,
    )
    client.force_login(world.superuser)
    return client, world


@pytest.mark.parametrize("model", MODELS)
def test_changelist_search_and_change_pages(admin_client_world, model):
    client, _world = admin_client_world
    changelist = reverse(f"admin:initiatives_{model}_changelist")
    assert client.get(changelist).status_code == 200
    assert client.get(changelist, {"q": "stem"}).status_code == 200
    from django.apps import apps

    obj = apps.get_model("initiatives", model).objects.first()
    assert (
        client.get(reverse(f"admin:initiatives_{model}_change", args=[obj.pk])).status_code == 200
    )


@pytest.mark.parametrize("model", [m for m in MODELS if m != "invitation"])
def test_add_pages(admin_client_world, model):
    client, _world = admin_client_world
    assert client.get(reverse(f"admin:initiatives_{model}_add")).status_code == 200


def test_invitations_are_not_added_in_admin(admin_client_world):
    client, _world = admin_client_world
    assert client.get(reverse("admin:initiatives_invitation_add")).status_code == 403
    assert Invitation.objects.count() == 1


def test_admin_add_organization_with_a_duplicate_name_shows_the_field_error(admin_client_world):
    client, _world = admin_client_world
    response = client.post(
        reverse("admin:initiatives_organization_add"), {"name": "masar", "sector": "nonprofit"}
    )
    assert response.status_code == 200
    assert "already exists" in response.text
    assert response.context["adminform"].form.errors["name"]
