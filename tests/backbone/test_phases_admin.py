"""The phases in Django admin: read only (the checklist is shipped, the checks and the phase
changes are written through services.phases)."""

import pytest
from django.urls import reverse

from backbone.models import PhaseItem
from backbone.services import phases as services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["phaseitem", "phasecheck", "phasechange"])
def test_the_lists_show_and_nothing_is_added(client, world, model):
    item = PhaseItem.objects.first()
    services.phase_check(initiative=world.initiative, item=item, done=True, by=world.backbone)
    services.phase_change(initiative=world.initiative, to_phase=1, by=world.backbone)
    client.force_login(world.superuser)
    assert client.get(reverse(f"admin:backbone_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:backbone_{model}_add")).status_code == 403


def test_an_item_is_read_not_changed(client, world):
    item = PhaseItem.objects.first()
    client.force_login(world.superuser)
    url = reverse("admin:backbone_phaseitem_change", args=[item.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"text": "Changed"})
    item.refresh_from_db()
    assert item.text != "Changed"
