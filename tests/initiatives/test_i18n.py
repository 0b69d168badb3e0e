"""English, Hebrew and Arabic: right-to-left where it belongs, catalogs complete."""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize(
    "language, direction, stylesheet",
    [
        ("en", "ltr", "bootstrap.min.css"),
        ("he", "rtl", "bootstrap.rtl.min.css"),
        ("ar", "rtl", "bootstrap.rtl.min.css"),
    ],
)
@pytest.mark.parametrize("page", ["login", "my_initiatives", "detail", "organizations"])
def test_pages_take_the_direction_of_the_language(
    client, world, language, direction, stylesheet, page
):
    urls = {
        "login": reverse("login"),
        "my_initiatives": reverse("initiatives:my_initiatives"),
        "detail": reverse("initiatives:detail", args=["stem"]),
        "organizations": reverse("initiatives:organization_list"),
    }
    if page != "login":
        client.force_login(world.backbone)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(urls[page])
    assert response.status_code == 200
    assert f'<html lang="{language}" dir="{direction}">' in response.text
    assert stylesheet in response.text


def test_the_language_switcher_sets_the_language(client, world):
    client.force_login(world.partner)
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/initiatives/"})
    assert response.status_code == 302
    page = client.get("/initiatives/")
    assert 'dir="rtl"' in page.text
    assert "مبادراتي" in page.text or "My initiatives" not in page.text


def test_hebrew_pages_are_translated(client, world):
    client.force_login(world.backbone)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "he"
    response = client.get(reverse("initiatives:detail", args=["stem"]))
    for english in ["Participating organizations", "Members and roles", "Invite people"]:
        assert english not in response.text


@pytest.mark.parametrize("language", ["he", "ar"])
def test_catalog_is_complete_and_compiled(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    missing = [
        entry.msgid
        for entry in po
        if not entry.obsolete
        and (
            "fuzzy" in entry.flags
            or (not entry.msgstr and not entry.msgid_plural)
            or (entry.msgid_plural and not all(entry.msgstr_plural.values()))
        )
    ]
    assert missing == []
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    compiled = {(entry.msgctxt, entry.msgid) for entry in mo}
    translated = {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}
    assert translated <= compiled, "run `make messages` to compile the catalog"


@pytest.mark.parametrize("language", ["he", "ar"])
def test_catalog_covers_every_string_of_the_code(language, tmp_path, settings, monkeypatch):
    """makemessages over a copy of the code finds no string missing from the committed catalog."""
    if not shutil.which("xgettext"):
        pytest.skip("gettext is not installed")
    base = Path(settings.BASE_DIR)
    for name in [
        "initiatives",
        "agenda",
        "measurement",
        "activities",
        "communication",
        "backbone",
        "spheres",
        "sheatufim",
        "templates",
    ]:
        shutil.copytree(base / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "locale").mkdir()
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)

    call_command("makemessages", locale=[language], verbosity=0)

    def msgids(path):
        return {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(path))}

    fresh = msgids(tmp_path / "locale" / language / "LC_MESSAGES" / "django.po")
    committed = msgids(LOCALE / language / "LC_MESSAGES" / "django.po")
    assert fresh - committed == set(), "run `make messages` and translate the new strings"
