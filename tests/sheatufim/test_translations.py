"""The accessor of texts written in three languages, its fallback, and the template tag."""

import pytest
from django.template import Context, Template
from django.utils import translation

from initiatives.models import Organization
from measurement.models import Indicator
from sheatufim.translated import detect_language, text_of, texts_by_id


def indicator(**fields) -> Indicator:
    fields.setdefault("name", "Students in 5-unit math")
    fields.setdefault("language", "en")
    return Indicator(**fields)


def test_the_reader_gets_the_version_in_their_language():
    math = indicator(translations={"name": {"he": "תלמידים במתמטיקה", "ar": "طلاب الرياضيات"}})
    assert math.text("name", "he") == "תלמידים במתמטיקה"
    assert math.text("name", "he").lang == "he"
    assert math.text("name", "ar") == "طلاب الرياضيات"
    assert math.text("name", "ar").lang == "ar"


def test_without_a_version_the_original_comes_with_its_language():
    math = indicator(translations={"name": {"he": "תלמידים"}})
    shown = math.text("name", "ar")
    assert (shown, shown.lang) == ("Students in 5-unit math", "en")
    assert math.text("definition", "he") == ""


def test_a_blank_version_falls_back_to_the_original():
    math = indicator(translations={"name": {"he": "   "}})
    assert math.text("name", "he") == "Students in 5-unit math"


def test_the_original_wins_in_its_own_language():
    org = Organization(name="שיתופים", language="he", translations={"name": {"he": "other"}})
    assert org.text("name", "he") == "שיתופים"


def test_the_active_language_is_the_default_and_its_region_is_ignored():
    math = indicator(translations={"name": {"he": "תלמידים"}})
    with translation.override("he"):
        assert math.text("name") == "תלמידים"
    assert text_of("Students", "en", {"name": {"he": "תלמידים"}}, "name", "he-il") == "תלמידים"
    assert text_of("Students", "en", {"name": {"he": "תלמידים"}}, "name", "fr") == "Students"


def test_an_unset_language_is_found_from_the_letters():
    assert Organization(name="جمعية مسار").text("name", "en").lang == "ar"
    assert Organization(name="עמותת גשר").text("name", "en").lang == "he"
    assert Organization(name="TechBridge").text("name", "he").lang == "en"


@pytest.mark.parametrize(
    "value, language",
    [
        ("משרד החינוך", "he"),
        ("وزارة العمل والرفاه", "ar"),
        ("National Employment Service", "en"),
        ("5X2 – מתמטיקה", "he"),
        ("التشغيل في المجتمع العربي – Employment", "ar"),
        ("", "en"),
    ],
)
def test_detect_language(value, language):
    assert detect_language(value) == language


def render(source: str, **context) -> str:
    return Template("{% load texts %}" + source).render(Context(context))


def test_the_tag_marks_the_language_of_what_it_shows():
    math = indicator(translations={"name": {"he": "תלמידים"}})
    with translation.override("he"):
        assert render('{% text i "name" %}', i=math) == '<bdi lang="he">תלמידים</bdi>'
    with translation.override("ar"):
        assert render('{% text i "name" %}', i=math) == (
            '<bdi lang="en">Students in 5-unit math</bdi>'
        )


def test_the_tag_escapes_and_keeps_lines():
    hostile = indicator(name="<b>x</b>", definition="one\ntwo <i>")
    assert render('{% text i "name" %}', i=hostile) == '<bdi lang="en">&lt;b&gt;x&lt;/b&gt;</bdi>'
    assert render('{% text i "definition" lines=True %}', i=hostile) == (
        '<bdi lang="en">one<br>two &lt;i&gt;</bdi>'
    )


def test_the_tag_shows_nothing_for_an_empty_text_or_no_object():
    assert render('{% text i "unit" %}', i=indicator()) == ""
    assert render('{% text i "name" %}', i=None) == ""


def test_the_filters_give_plain_text_and_its_language_for_attributes():
    math = indicator(translations={"name": {"ar": "طلاب"}})
    with translation.override("ar"):
        assert render('<th title="{{ i|text:"name" }}" lang="{{ i|lang_of:"name" }}">', i=math) == (
            '<th title="طلاب" lang="ar">'
        )


def test_texts_by_id_reads_the_names_of_many_rows_in_one_query(db, django_assert_num_queries):
    from tests.measurement.factories import IndicatorFactory

    math = IndicatorFactory(name="Math", language="en", translations={"name": {"he": "מתמטיקה"}})
    teach = IndicatorFactory(name="Teachers")
    with django_assert_num_queries(1):
        names = texts_by_id(Indicator.objects.filter(pk__in=[math.pk, teach.pk]), lang="he")
    assert names == {math.pk: "מתמטיקה", teach.pk: "Teachers"}
    assert (names[math.pk].lang, names[teach.pk].lang) == ("he", "en")
