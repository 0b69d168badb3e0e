"""Entered text passes sheatufim.text once per entry kind: forms (the mixin), admin, pages."""

import pytest
from django import forms
from django.urls import reverse

from measurement.models import PeriodChange
from sheatufim.forms_text import CleanTextMixin


class _Form(CleanTextMixin, forms.Form):
    name = forms.CharField()
    code = forms.RegexField(regex=r".*")  # a CharField subclass
    raw = forms.Field()  # not a CharField: Django would let a NUL through


def test_the_mixin_removes_overrides_from_every_text_field():
    form = _Form({"name": "\u202eevil\u202c", "code": "a\u202db", "raw": "\u202bx"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"name": "evil", "code": "ab", "raw": "x"}


def test_the_mixin_refuses_a_nul_at_its_field_even_outside_charfields():
    form = _Form({"name": "ok", "code": "ok", "raw": "a\x00b"})
    assert not form.is_valid()
    assert form.errors == {"raw": ["Null characters are not allowed."]}


def _state_url(world, period):
    return reverse("measurement:period_state", args=[world.initiative.slug, period.pk])


@pytest.fixture
def period(world):
    from tests.measurement.factories import PeriodFactory

    return PeriodFactory(initiative=world.initiative)


def test_a_nul_in_a_period_state_note_is_refused_with_a_message(client, world, period):
    client.force_login(world.backbone)
    response = client.post(
        _state_url(world, period), {"state": "locked", "note": "x\x00y"}, follow=True
    )
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.text
    period.refresh_from_db()
    assert period.state != "locked" and not PeriodChange.objects.exists()


def test_a_period_state_note_loses_its_overrides(client, world, period):
    client.force_login(world.backbone)
    response = client.post(_state_url(world, period), {"state": "locked", "note": "\u202eok"})
    assert response.status_code == 302
    assert PeriodChange.objects.get().note == "ok"


def test_an_unknown_period_state_is_said(client, world, period):
    client.force_login(world.backbone)
    response = client.post(_state_url(world, period), {"state": "gone"}, follow=True)
    assert "Unknown period state." in response.text
    assert not PeriodChange.objects.exists()


def test_a_nul_in_a_page_path_is_a_404(client, world):
    client.force_login(world.backbone)
    assert client.get("/initiatives/st%00em/").status_code == 404


def test_a_nul_in_a_page_query_is_dropped(client, world):
    client.force_login(world.partner)
    response = client.get(reverse("initiatives:organization_list"), {"q": "Ma\x00sar"})
    assert response.status_code == 200
    assert response.context["request"].GET["q"] == "Masar"
