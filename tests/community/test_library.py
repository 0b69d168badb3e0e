"""The library: full-text search on PostgreSQL (Hebrew included), the plain search that SQLite
uses, filters kept in the address, pages, the file checks shared with evidence, the download
through the policy, bad input on the resource form."""

import pytest
from django.db import connection
from django.urls import reverse

from community.models import Resource
from community.selectors import resources as selectors
from community.services import resources as services
from tests.community.factories import pdf, resource


@pytest.fixture
def shelf(db):
    return {
        "ci": resource(
            "Collective Impact",
            description="The article that named the five conditions.",
            condition="general",
        ),
        "measure": resource(
            "Shared measurement in practice",
            description="Indicators every partner reports the same way.",
            condition="shared_measurement",
            phase=2,
        ),
        "he": resource(
            "מדידה משותפת",
            description="מדריך לשותפים על מדדים",
            language="he",
            condition="shared_measurement",
            kind="tool",
        ),
        "ar": resource(
            "الأجندة المشتركة",
            description="دليل الشركاء",
            language="ar",
            condition="common_agenda",
            translations={"title": {"en": "The common agenda, a guide"}},
        ),
    }


def _titles(queryset):
    return sorted(row.title for row in queryset)


def test_full_text_search_runs_on_postgresql(shelf):
    assert connection.vendor == "postgresql"
    found = selectors.full_text_search(Resource.objects.all(), "conditions")
    assert _titles(found) == ["Collective Impact"]


def test_full_text_search_finds_a_hebrew_word(shelf):
    found = selectors.search(Resource.objects.all(), "משותפת")
    assert _titles(found) == ["מדידה משותפת"]
    assert _titles(selectors.search(Resource.objects.all(), "מדדים")) == ["מדידה משותפת"]


def test_full_text_search_finds_an_arabic_word_and_a_translation(shelf):
    assert _titles(selectors.search(Resource.objects.all(), "الشركاء")) == ["الأجندة المشتركة"]
    assert _titles(selectors.search(Resource.objects.all(), "guide")) == ["الأجندة المشتركة"]


def test_full_text_search_ranks_titles_first(shelf):
    resource("Partners", description="Shared measurement is mentioned here only once.")
    found = list(selectors.search(Resource.objects.all(), "measurement"))
    assert found[0].title == "Shared measurement in practice"


def test_plain_search_the_sqlite_branch(shelf):
    everything = Resource.objects.all()
    assert _titles(selectors.plain_search(everything, "CONDITIONS")) == ["Collective Impact"]
    assert _titles(selectors.plain_search(everything, "משותפת")) == ["מדידה משותפת"]
    assert _titles(selectors.plain_search(everything, "guide")) == ["الأجندة المشتركة"]
    assert _titles(selectors.plain_search(everything, "shared partner")) == [
        "Shared measurement in practice"
    ]


def test_sqlite_uses_the_plain_search(shelf, monkeypatch):
    """On SQLite, `search` takes the plain branch (its results are tested above on this
    database: the branch runs wherever icontains does)."""
    monkeypatch.setattr(connection, "vendor", "sqlite")
    called = []
    monkeypatch.setattr(selectors, "plain_search", lambda qs, q: called.append(q) or qs)
    monkeypatch.setattr(selectors, "full_text_search", lambda qs, q: pytest.fail("full text"))
    selectors.search(Resource.objects.all(), "conditions")
    assert called == ["conditions"]


def test_filters_are_kept_in_the_address(client, community, shelf):
    client.force_login(community.world.backbone)
    url = reverse("community:resource_list") + "?q=measurement&condition=shared_measurement&phase=2"
    page = client.get(url)
    assert page.status_code == 200
    assert [r.title for r in page.context["resources"]] == ["Shared measurement in practice"]
    text = page.content.decode()
    assert 'value="measurement"' in text
    assert '<option value="shared_measurement" selected>' in text
    assert '<option value="2" selected>' in text
    assert 'method="get"' in text


@pytest.mark.parametrize(
    "query,titles",
    [
        ("language=he", ["מדידה משותפת"]),
        ("kind=tool", ["מדידה משותפת"]),
        ("condition=common_agenda", ["الأجندة المشتركة"]),
        ("language=en&condition=shared_measurement", ["Shared measurement in practice"]),
    ],
)
def test_each_filter(client, community, shelf, query, titles):
    client.force_login(community.world.backbone)
    page = client.get(reverse("community:resource_list") + "?" + query)
    assert sorted(r.title for r in page.context["resources"]) == titles


@pytest.mark.parametrize("query", ["phase=9", "kind=video", "language=fr", "condition=x"])
def test_a_wrong_filter_is_a_400_at_its_field(client, community, shelf, query):
    client.force_login(community.world.backbone)
    page = client.get(reverse("community:resource_list") + "?" + query)
    assert page.status_code == 400
    assert query.split("=")[0] in page.context["form"].errors


def test_htmx_gets_only_the_results(client, community, shelf):
    client.force_login(community.world.backbone)
    page = client.get(reverse("community:resource_list") + "?q=conditions", HTTP_HX_REQUEST="true")
    text = page.content.decode()
    assert text.lstrip().startswith('<div id="results"')
    assert "Collective Impact" in text


def test_pages_of_twenty_keep_the_filters(client, community):
    for i in range(25):
        resource(f"Tool {i:02}", kind="tool")
    client.force_login(community.world.backbone)
    page = client.get(reverse("community:resource_list") + "?kind=tool")
    assert len(page.context["resources"]) == 20
    assert "?kind=tool&amp;page=2" in page.content.decode()
    second = client.get(reverse("community:resource_list") + "?kind=tool&page=2")
    assert len(second.context["resources"]) == 5


# --- adding and changing resources ----------------------------------------------------------


def test_facilitator_adds_a_document(client, community, settings):
    client.force_login(community.world.facilitator)
    data = {"title": "Charter", "kind": "document", "condition": "common_agenda", "file": pdf()}
    response = client.post(reverse("community:resource_create"), data)
    assert response.status_code == 302
    made = Resource.objects.get(title="Charter")
    assert made.file_name == "doc.pdf" and made.url == ""
    assert not made.file.name.endswith("doc.pdf")  # stored under a name nobody can guess


@pytest.mark.parametrize(
    "data,field",
    [
        ({"title": "", "kind": "link", "url": "https://example.org"}, "title"),
        ({"title": "T", "kind": "video", "url": "https://example.org"}, "kind"),
        ({"title": "T", "kind": "link", "url": ""}, "url"),
        ({"title": "T", "kind": "link", "url": "not a url"}, "url"),
        ({"title": "T", "kind": "document"}, "file"),
        ({"title": "T", "kind": "link", "url": "https://e.org", "phase": "7"}, "phase"),
        ({"title": "T", "kind": "link", "url": "https://e.org", "condition": "x"}, "condition"),
        ({"title": "T", "kind": "link", "url": "https://e.org", "language": "fr"}, "language"),
        ({"title": "x" * 301, "kind": "link", "url": "https://e.org"}, "title"),
    ],
)
def test_resource_form_bad_input(client, community, data, field):
    client.force_login(community.world.facilitator)
    data.setdefault("condition", "general")
    response = client.post(reverse("community:resource_create"), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Resource.objects.exists()


def test_a_file_of_the_wrong_kind_is_refused(client, community):
    client.force_login(community.world.facilitator)
    data = {"title": "T", "kind": "document", "condition": "general", "file": pdf("run.exe")}
    response = client.post(reverse("community:resource_create"), data)
    assert response.status_code == 400
    assert "Allowed file types" in str(response.context["form"].errors["file"])


def test_a_file_too_large_is_refused(client, community, settings):
    from measurement import forms as measurement_forms

    settings.UPLOAD_MAX_BODY_BYTES = 10 * 1024 * 1024  # past the body cap: the check's own
    client.force_login(community.world.facilitator)
    big = pdf(size=measurement_forms.MAX_EVIDENCE_BYTES + 1)
    data = {"title": "T", "kind": "document", "condition": "general", "file": big}
    response = client.post(reverse("community:resource_create"), data)
    assert response.status_code == 400
    assert "file" in response.context["form"].errors
    assert not Resource.objects.exists()


def test_a_body_over_the_cap_is_refused_at_the_file(client, community):
    client.force_login(community.world.facilitator)
    big = pdf(size=6 * 1024 * 1024)
    data = {"title": "T", "kind": "document", "condition": "general", "file": big}
    response = client.post(reverse("community:resource_create"), data)
    assert response.status_code == 400
    assert "not received" in str(response.context["form"].errors["file"])


def test_the_service_refuses_a_wrong_file_too(community):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.resource_create(
            by=community.world.facilitator, title="T", kind="document", file=pdf("x.svg")
        )
    assert "file" in error.value.message_dict


def test_edit_keeps_the_file_unless_a_new_one_is_given(client, community):
    made = resource("Doc", kind="document")
    client.force_login(community.world.facilitator)
    url = reverse("community:resource_edit", args=[made.pk])
    assert client.get(url).status_code == 200
    data = {"title": "Doc 2", "kind": "document", "condition": "backbone"}
    assert client.post(url, data).status_code == 302
    made.refresh_from_db()
    assert made.title == "Doc 2" and made.file and made.condition == "backbone"


def test_remove(client, community):
    made = resource("Gone")
    client.force_login(community.world.facilitator)
    assert client.post(reverse("community:resource_remove", args=[made.pk])).status_code == 302
    assert not Resource.objects.exists()
    client.force_login(community.world.backbone)
    other = resource("Stays")
    assert client.post(reverse("community:resource_remove", args=[other.pk])).status_code == 403


@pytest.mark.parametrize(
    "persona,status",
    [("backbone", 200), ("facilitator", 200), ("leader", 403), ("partner", 403), ("outsider", 403)],
)
def test_the_file_is_streamed_through_the_policy(client, community, persona, status):
    made = resource("Doc", kind="document")
    client.force_login(getattr(community, persona, None) or getattr(community.world, persona))
    response = client.get(reverse("community:resource_file", args=[made.pk]))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert 'filename="guide.pdf"' in response["Content-Disposition"]


def test_a_link_has_no_file(client, community):
    made = resource("Link")
    client.force_login(community.world.backbone)
    assert client.get(reverse("community:resource_file", args=[made.pk])).status_code == 404
