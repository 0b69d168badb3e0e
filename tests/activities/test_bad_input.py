"""Bad input on every activity form and filter: the message at its field, status 400 (422 for
an htmx fragment), nothing saved, never a 500."""

import pytest
from django.urls import reverse

from activities.models import Activity
from agenda import services as agenda_services
from tests.activities.factories import activity
from tests.measurement.factories import IndicatorFactory


def url(name, world, *args):
    return reverse(f"activities:{name}", args=[world.initiative.slug, *args])


def data(world, strategy, /, **changes):
    base = {
        "organization": world.partner_org.pk,
        "strategy": strategy.pk,
        "title": "Science fair",
        "role": "partner",
        "status": "planned",
    }
    return {**base, **changes}


def field_error(response, field, text):
    """The message shown at `field` (in the field's error block, the input marked invalid)."""
    assert response.status_code == 400
    page = response.text
    marker = f'id="id_{field}_error"'
    assert marker in page, f"no error at {field}"
    block = page[page.index(marker) :].split("</div></div>")[0]
    assert text in block, block[:300]
    assert "is-invalid" in page or field == "indicators"  # (no checkbox when none to choose)


@pytest.fixture
def foreign_strategy(world):
    user, initiative = world.superuser, world.other_initiative
    agenda_services.version_draft_start(user=user, initiative=initiative)
    goal = agenda_services.goal_save(user=user, initiative=initiative, title="Jobs")
    return agenda_services.strategy_save(user=user, goal=goal, title="Job fairs")


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"title": "   "}, "title", "This field is required."),
        ({"title": "x" * 301}, "title", "at most 300 characters"),
        ({"title": "Fair\x00"}, "title", "Null characters are not allowed."),
        ({"population": "y" * 201}, "population", "at most 200 characters"),
        ({"role": "boss"}, "role", "Select a valid choice."),
        ({"status": "dreaming"}, "status", "Select a valid choice."),
        ({"strategy": ""}, "strategy", "This field is required."),
        ({"strategy": "abc"}, "strategy", "Choose a strategy of this initiative"),
        ({"organization": "999999"}, "organization", "Choose an organization that takes part"),
        ({"starts_on": "2026-02-30"}, "starts_on", "Enter a valid date."),
        ({"starts_on": "1/9/2026"}, "starts_on", "Enter a valid date."),
        ({"indicators": ["abc"]}, "indicators", "Choose indicators of this initiative."),
        (
            {"starts_on": "2026-09-01", "ends_on": "2026-06-30"},
            "ends_on",
            "An activity cannot end before it starts.",
        ),
    ],
)
def test_a_new_activity_with_bad_input_is_refused_at_its_field(
    client, world, strategies, changes, field, message
):
    client.force_login(world.backbone)
    response = client.post(url("create", world), data(world, strategies[0], **changes))
    field_error(response, field, message)
    assert not Activity.objects.exists()


def test_a_strategy_of_another_initiative_is_refused(client, world, strategies, foreign_strategy):
    client.force_login(world.backbone)
    response = client.post(url("create", world), data(world, foreign_strategy))
    field_error(response, "strategy", "Choose a strategy of this initiative")
    assert not Activity.objects.exists()


def test_an_indicator_of_another_initiative_is_refused(client, world, strategies):
    foreign = IndicatorFactory(initiative=world.other_initiative)
    client.force_login(world.partner)
    response = client.post(
        url("create", world), data(world, strategies[0], indicators=[foreign.pk])
    )
    field_error(response, "indicators", "Choose indicators of this initiative.")
    assert not Activity.objects.exists()


def test_an_organization_that_does_not_take_part_is_refused(client, world, strategies):
    client.force_login(world.backbone)
    response = client.post(
        url("create", world), data(world, strategies[0], organization=world.other_org.pk)
    )
    field_error(response, "organization", "Choose an organization that takes part")
    assert not Activity.objects.exists()


def test_a_retired_strategy_is_refused(client, world, strategies):
    agenda_services.version_draft_start(user=world.backbone, initiative=world.initiative)
    agenda_services.strategy_retire(user=world.backbone, strategy=strategies[0], retired=True)
    client.force_login(world.backbone)
    response = client.post(url("create", world), data(world, strategies[0]))
    field_error(response, "strategy", "Choose a strategy of this initiative")
    assert not Activity.objects.exists()


def test_the_form_keeps_what_was_typed(client, world, strategies):
    client.force_login(world.backbone)
    response = client.post(
        url("create", world),
        data(world, strategies[0], title="", population="Girls in grade 10"),
    )
    assert response.status_code == 400
    assert 'value="Girls in grade 10"' in response.text


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"title": ""}, "title", "This field is required."),
        ({"ends_on": "2020-01-01", "starts_on": "2021-01-01"}, "ends_on", "cannot end before"),
        ({"strategy": "0"}, "strategy", "Choose a strategy of this initiative"),
        ({"status": ""}, "status", "This field is required."),
    ],
)
def test_editing_with_bad_input_keeps_the_activity(
    client, world, strategies, changes, field, message
):
    done = activity(world, strategies[0], title="Math clubs")
    client.force_login(world.partner)
    response = client.post(url("edit", world, done.pk), data(world, strategies[1], **changes))
    field_error(response, field, message)
    done.refresh_from_db()
    assert (done.title, done.strategy_id, done.ends_on) == ("Math clubs", strategies[0].pk, None)


def test_the_message_is_in_the_readers_language(client, world, strategies):
    client.force_login(world.backbone)
    client.cookies["django_language"] = "he"
    response = client.post(url("create", world), data(world, strategies[0], title=""))
    assert response.status_code == 400
    assert 'lang="he"' in response.text
    # Django's own message, from its Hebrew catalog.
    field_error(response, "title", "שדה זה הוא חובה.")
    assert not Activity.objects.exists()


@pytest.mark.parametrize("page", ["matrix", "list"])
@pytest.mark.parametrize(
    "params, field",
    [
        ({"goal": "999999"}, "goal"),
        ({"goal": "abc"}, "goal"),
        ({"status": "dreaming"}, "status"),
        ({"sector": "mafia"}, "sector"),
        ({"geography": "atlantis"}, "geography"),
        ({"population": "nobody"}, "population"),
    ],
)
def test_unknown_filters_are_an_error_at_their_field(
    client, world, strategies, page, params, field
):
    client.force_login(world.viewer)
    response = client.get(url(page, world), params)
    assert response.status_code == 400
    assert f'id="filter_{field}_error"' in response.text
    assert "Select a valid choice." in response.text
    fragment = client.get(url(page, world), params, headers={"HX-Request": "true"})
    assert fragment.status_code == 422
    assert "The filter is not valid" in fragment.text
    assert "<html" not in fragment.text


def test_a_goal_of_another_initiative_is_not_a_filter(client, world, strategies, foreign_strategy):
    client.force_login(world.viewer)
    response = client.get(url("matrix", world), {"goal": foreign_strategy.goal_id})
    assert response.status_code == 400
    assert 'id="filter_goal_error"' in response.text


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999999999999999999", "2.5"])
def test_a_bad_page_number_shows_the_nearest_page(client, world, strategies, page):
    activity(world, strategies[0])
    client.force_login(world.viewer)
    assert client.get(url("matrix", world), {"page": page}).status_code == 200
    assert client.get(url("list", world), {"page": page}).status_code == 200


def test_numbers_too_large_for_the_database_are_404(client, world, strategies):
    client.force_login(world.backbone)
    huge = 10**20
    for name in ("detail", "edit", "delete"):
        assert client.get(url(name, world, huge)).status_code == 404
    assert client.post(url("delete", world, huge)).status_code == 404
