"""Organization names in three languages: the form, the admin, the API and the pages."""

from django.conf import settings
from django.urls import reverse

from initiatives.models import Organization


def test_the_organization_form_saves_its_name_in_other_languages(client, world):
    client.force_login(world.superuser)
    data = {
        "name": "עמותת גשר לעתיד",
        "name_en": "Gesher to the Future",
        "name_ar": "جمعية جسر إلى المستقبل",
        "sector": "nonprofit",
    }
    response = client.post(reverse("initiatives:organization_create"), data)
    assert response.status_code == 302
    gesher = Organization.objects.get(name="עמותת גשר לעתיד")
    assert gesher.language == "he"
    assert gesher.translations == {
        "name": {"en": "Gesher to the Future", "ar": "جمعية جسر إلى المستقبل"}
    }


def test_a_too_long_version_is_refused_at_its_field_and_nothing_is_saved(client, world):
    client.force_login(world.superuser)
    data = {"name": "Bridges", "name_ar": "ج" * 201, "sector": "nonprofit"}
    response = client.post(reverse("initiatives:organization_create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["name_ar"]
    assert not Organization.objects.filter(name="Bridges").exists()


def test_the_admin_saves_the_versions(client, world):
    client.force_login(world.superuser)
    data = {
        "name": "Negev Data Systems",
        "name_he": "מערכות נתונים בנגב",
        "language": "en",
        "sector": "business",
    }
    response = client.post(reverse("admin:initiatives_organization_add"), data)
    assert response.status_code == 302
    negev = Organization.objects.get(name="Negev Data Systems")
    assert negev.translations == {"name": {"he": "מערכות נתונים בנגב"}}
    change = client.get(reverse("admin:initiatives_organization_change", args=[negev.pk]))
    assert 'value="מערכות נתונים בנגב"' in change.text


def test_the_api_gives_the_name_per_language(client, world):
    world.partner_org.translations = {"name": {"he": "ארגון שותף"}}
    world.partner_org.save()
    client.force_login(world.backbone)
    body = client.get(f"/api/v1/organizations/{world.partner_org.pk}/").json()
    assert body["name"] == world.partner_org.name
    assert (body["language"], body["name_he"], body["name_ar"]) == ("en", "ארגון שותף", None)


def test_the_organization_page_shows_the_name_in_the_readers_language(client, world):
    world.partner_org.translations = {"name": {"ar": "منظمة شريكة"}}
    world.partner_org.save()
    client.force_login(world.backbone)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    url = reverse("initiatives:organization_detail", args=[world.partner_org.pk])
    html = client.get(url).text
    assert '<h1 class="h3"><bdi lang="ar">منظمة شريكة</bdi></h1>' in html
    detail = client.get(reverse("initiatives:detail", args=[world.initiative.slug])).text
    assert '<bdi lang="ar">منظمة شريكة</bdi>' in detail


def test_an_initiative_reads_in_the_readers_language(client, world):
    initiative = world.initiative
    initiative.language = "en"
    initiative.translations = {
        "name": {"he": "מצוינות במדעים"},
        "social_issue": {"ar": "توسيع دائرة التميّز"},
    }
    initiative.save()
    client.force_login(world.backbone)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "he"
    hebrew = client.get(reverse("initiatives:detail", args=[initiative.slug])).text
    assert '<bdi lang="he">מצוינות במדעים</bdi>' in hebrew
    assert f'<bdi lang="en">{initiative.social_issue}</bdi>' in hebrew  # no Hebrew version
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    arabic = client.get(reverse("measurement:dashboard", args=[initiative.slug])).text
    assert '<bdi lang="ar">' not in arabic.split("<h1")[1].split("</h1>")[0]  # the original
    api = client.get(f"/api/v1/initiatives/{initiative.slug}/").json()
    assert api["name_he"] == "מצוינות במדעים" and api["social_issue_ar"] == "توسيع دائرة التميّز"
    assert api["name"] == initiative.name and api["language"] == "en"
