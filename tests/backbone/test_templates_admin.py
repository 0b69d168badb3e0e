"""Assessment templates in Django admin: admins change the platform's templates there (with a
log entry), never one that rounds have used."""

import json
from datetime import date

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from backbone.admin.templates import BenchmarkAdminForm, TemplateAdminForm
from backbone.models import AssessmentRound, AssessmentTemplate, RoundState, TemplateSection

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped():
    return AssessmentTemplate.objects.get(initiative=None, key="five-conditions")


def _section_post(section: TemplateSection, **changes) -> dict:
    data = {
        "template": section.template_id,
        "key": section.key,
        "order": section.order,
        "language": section.language,
        "name": section.name,
        "description": section.description,
        "translations": json.dumps(section.translations),
        **changes,
    }
    benchmarks = list(section.benchmarks.all())
    data.update(
        {
            "benchmarks-TOTAL_FORMS": len(benchmarks),
            "benchmarks-INITIAL_FORMS": len(benchmarks),
            "benchmarks-MIN_NUM_FORMS": 0,
            "benchmarks-MAX_NUM_FORMS": 1000,
        }
    )
    for number, b in enumerate(benchmarks):
        prefix = f"benchmarks-{number}-"
        data.update(
            {
                prefix + "id": b.pk,
                prefix + "section": section.pk,
                prefix + "key": b.key,
                prefix + "order": b.order,
                prefix + "language": b.language,
                prefix + "text": b.text,
                prefix + "translations": json.dumps(b.translations),
            }
        )
    return data


def test_the_pages_show(client, world, shipped):
    client.force_login(world.superuser)
    section = shipped.sections.first()
    for url in [
        reverse("admin:backbone_assessmenttemplate_changelist"),
        reverse("admin:backbone_assessmenttemplate_change", args=[shipped.pk]),
        reverse("admin:backbone_assessmenttemplate_add"),
        reverse("admin:backbone_templatesection_changelist"),
        reverse("admin:backbone_templatesection_change", args=[section.pk]),
    ]:
        assert client.get(url).status_code == 200, url


def test_an_admin_changes_a_shipped_section_with_a_log_entry(client, world, shipped):
    client.force_login(world.superuser)
    section = shipped.sections.get(key="agenda")
    url = reverse("admin:backbone_templatesection_change", args=[section.pk])
    response = client.post(url, _section_post(section, name="A common agenda"))
    assert response.status_code == 302, response.content[:2000]
    section.refresh_from_db()
    assert section.name == "A common agenda"
    assert LogEntry.objects.filter(object_id=str(section.pk)).exists()


def test_a_template_that_rounds_used_is_not_changed_in_admin(client, world, shipped):
    AssessmentRound.objects.create(
        initiative=world.initiative,
        template=shipped,
        title="R",
        opens_on=date(2026, 1, 1),
        closes_on=date(2026, 1, 31),
        state=RoundState.CLOSED,
    )
    client.force_login(world.superuser)
    section = shipped.sections.get(key="agenda")
    url = reverse("admin:backbone_templatesection_change", args=[section.pk])
    response = client.post(url, _section_post(section, name="Changed"))
    assert response.status_code == 200
    assert "Rounds have used this template" in response.content.decode()
    section.refresh_from_db()
    assert section.name == "Common agenda"
    benchmark = section.benchmarks.first()
    form = BenchmarkAdminForm(
        instance=benchmark,
        data={
            "key": benchmark.key,
            "order": benchmark.order,
            "language": "en",
            "text": "Changed",
            "translations": json.dumps(benchmark.translations),
        },
    )
    assert not form.is_valid()
    template_form = TemplateAdminForm(
        instance=shipped,
        data={
            "key": shipped.key,
            "version": 1,
            "kind": shipped.kind,
            "language": "en",
            "name": "Changed",
            "description": "",
            "translations": "{}",
        },
    )
    assert not template_form.is_valid()
    delete = reverse("admin:backbone_assessmenttemplate_delete", args=[shipped.pk])
    assert client.get(delete).status_code == 403


def test_a_second_shipped_version_of_a_key_must_be_new(world, shipped):
    form = TemplateAdminForm(
        data={
            "key": shipped.key,
            "version": 1,
            "kind": shipped.kind,
            "language": "en",
            "name": "Again",
            "description": "",
            "translations": "{}",
        }
    )
    assert not form.is_valid()
