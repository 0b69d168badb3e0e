"""'My action items' on each person's home, and the overdue items on the backbone dashboard,
answered by communication to the signal the homes send (initiatives.signals.home_panels)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.communication import minutes_factories as f

LATE = timezone.localdate() - timedelta(days=3)


def test_partner_home_shows_my_open_items(client, world):
    f.action_item(world, title="Send the March figures", due_on=LATE)
    done = f.action_item(world, title="Already done")
    done.status = "done"
    done.save()
    client.force_login(world.partner)
    page = client.get(reverse("measurement:partner_home", args=[world.initiative.slug]))
    html = page.content.decode()
    assert "My action items" in html and "Send the March figures" in html
    assert "Already done" not in html and "overdue" in html


def test_my_initiatives_shows_my_items_of_every_initiative(client, world):
    f.action_item(world, title="Call the ministry")
    client.force_login(world.partner)
    html = client.get(reverse("initiatives:my_initiatives")).content.decode()
    assert "Call the ministry" in html
    client.force_login(world.viewer)
    html = client.get(reverse("initiatives:my_initiatives")).content.decode()
    assert "Call the ministry" not in html


def test_backbone_dashboard_shows_overdue_items(client, world):
    f.action_item(world, title="Late report", due_on=LATE)
    f.action_item(world, title="On time", due_on=timezone.localdate() + timedelta(days=3))
    client.force_login(world.backbone)
    html = client.get(reverse("measurement:dashboard", args=[world.initiative.slug])).content
    html = html.decode()
    assert "Overdue action items" in html and "Late report" in html and "On time" not in html
    client.force_login(world.viewer)
    html = client.get(reverse("measurement:dashboard", args=[world.initiative.slug])).content
    assert "Overdue action items" not in html.decode()


def test_a_panel_that_fails_leaves_the_home_standing(client, world, monkeypatch):
    from communication import signals

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(signals.selectors, "my_open_action_items", broken)
    client.force_login(world.partner)
    assert client.get(reverse("initiatives:my_initiatives")).status_code == 200
