"""The admin takes names in through clean_text and shows them isolated."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.models import Organization
from measurement.models import LateSubmissionGrant
from tests.initiatives.factories import OrganizationFactory

RLO, PDF = "\u202e", "\u202c"


def test_names_in_a_change_list_are_in_bdi_without_overrides(client, world):
    world.partner_org.name = f"מסר {RLO}gro{PDF}"  # as stored before entry was cleaned
    world.partner_org.save()
    client.force_login(world.superuser)
    response = client.get(reverse("admin:initiatives_participation_changelist"))
    assert response.status_code == 200
    assert "<bdi>מסר gro</bdi>" in response.text
    assert RLO not in response.text  # nor in the checkbox's aria-label
    assert f"<bdi>{world.initiative.name}</bdi>" in response.text


def test_a_str_column_is_in_bdi(client, world):
    from tests.measurement.factories import PeriodFactory

    period = PeriodFactory(initiative=world.initiative)
    client.force_login(world.superuser)
    response = client.get(reverse("admin:measurement_reportingperiod_changelist"))
    assert f"<bdi>{period}</bdi>" in response.text


def test_the_options_of_a_select_are_isolated(client, world):
    client.force_login(world.superuser)
    response = client.get(reverse("admin:measurement_latesubmissiongrant_add"))
    assert response.status_code == 200
    assert "\u2068Masar\u2069</option>" in response.text
    assert str(world.partner_org) == "Masar"  # __str__ itself stays plain


def test_a_name_saved_in_admin_loses_its_overrides_and_a_nul_is_refused(client, world):
    client.force_login(world.superuser)
    url = reverse("admin:initiatives_organization_add")
    data = {"name": f"{RLO}Evil{PDF} Ltd", "sector": "nonprofit", "description": "", "website": ""}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Organization.objects.filter(name="Evil Ltd").exists()
    response = client.post(url, {**data, "name": "x", "description": "a\x00b"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "description": ["Null characters are not allowed."]
    }


def test_a_change_list_with_foreign_keys_keeps_its_query_count(client, world):
    from datetime import date

    from tests.measurement.factories import PeriodFactory

    client.force_login(world.superuser)
    url = reverse("admin:measurement_latesubmissiongrant_changelist")

    def grants(count):
        for _ in range(count):
            LateSubmissionGrant.objects.create(
                period=PeriodFactory(),
                organization=OrganizationFactory(),
                until=date(2999, 1, 1),
                granted_by=world.backbone,
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert grants(2) == grants(8)
