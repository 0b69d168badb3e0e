"""Assessment templates: an initiative copies one (the platform's or one of its own) and adapts
the copy. One writer per change; each checks MANAGE_BACKBONE through the policy and refuses
bad input at its field.

How a copy relates to its origin: a copy keeps the key of the template it was copied from
(and so, through copies of copies, the key of the root shipped template), its sections' keys
and its benchmarks' keys; `based_on` points at the template it was copied from, and its
`version` is the next free one among the initiative's templates of that key. Rounds compare
by template key and section key, so a round on a copy compares with rounds on the shipped
template and on the initiative's earlier copies.

A shipped template (no initiative) is never changed here: only admins change it, in the admin.
A copy that any round has used (a round open or closed) is frozen, since answers and results
refer to its benchmarks: to change it, copy it again.
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, User
from initiatives.permissions import Action, can
from sheatufim.text import clean_text
from sheatufim.translated import LANGUAGE_CODES, detect_language

from ..models import AssessmentTemplate, Benchmark, RoundState, TemplateSection

FROZEN = _("Rounds have used this template; copy it to change it.")
SHIPPED = _("The platform's templates cannot be changed; copy one to adapt it.")
NOT_HERE = _("Choose a template of the platform or of this initiative.")
NAME_NEEDED = _("Give a name.")
TEXT_NEEDED = _("Give the benchmark's text.")
CONTROL_CHARACTERS = _("Remove the control characters from this text.")
LAST_BENCHMARK = _("A section keeps at least one benchmark.")
TOO_LONG = _("Keep this to %(limit)d characters or fewer.")

NAME_MAX = 200
DESCRIPTION_MAX = 5000
TEXT_MAX = 2000
# C0 controls and DEL, but tab and the line breaks a text area sends.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TEXT_FIELDS = {"name": NAME_MAX, "description": DESCRIPTION_MAX, "text": TEXT_MAX}


def _require(by: User, initiative: Initiative | None) -> None:
    if initiative is None or not can(by, Action.MANAGE_BACKBONE, initiative):
        raise PermissionDenied


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError({field: [str(message)] for field, message in errors.items()})


def _clean(value, field: str, *, required=None, one_line: bool = False) -> str:
    """Entered text: NUL refused (Django's message), other control characters refused, bidi
    overrides removed, spaces trimmed; a one-line text's runs of spaces made one."""
    if not isinstance(value, str):
        value = "" if value is None else str(value)
    try:
        value = clean_text(value).strip()
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    if _CONTROL.search(value):
        _raise({field: CONTROL_CHARACTERS})
    if one_line:
        value = " ".join(value.split())
    if required is not None and not value:
        _raise({field: required})
    limit = TEXT_FIELDS[field]
    if len(value) > limit:
        _raise({field: TOO_LONG % {"limit": limit}})
    return value


def _versions(translations, fields: tuple[str, ...], one_line: tuple[str, ...]) -> dict:
    """The versions given per language, cleaned like the originals; an empty one is dropped.
    Errors are at `<field>_<lang>`, the names the forms and the API give them."""
    if translations is None:
        return None
    if not isinstance(translations, dict):
        _raise({"translations": _("Give the versions per text and language.")})
    cleaned: dict[str, dict[str, str]] = {}
    for field in fields:
        given = translations.get(field) or {}
        if not isinstance(given, dict):
            _raise({"translations": _("Give the versions per text and language.")})
        for lang in LANGUAGE_CODES:
            value = given.get(lang)
            if value in (None, ""):
                continue
            try:
                value = _clean(value, field, one_line=field in one_line)
            except ValidationError as error:
                raise ValidationError({f"{field}_{lang}": error.messages}) from None
            if value:
                cleaned.setdefault(field, {})[lang] = value
    return cleaned


def _language(language, first: str) -> str:
    if language in (None, ""):
        return detect_language(first)
    if language not in LANGUAGE_CODES:
        _raise({"language": _("Choose one of the languages offered.")})
    return language


def template_is_frozen(template: AssessmentTemplate) -> bool:
    """Has any round that is open or closed been taken on this template?"""
    return template.rounds.filter(state__in=[RoundState.OPEN, RoundState.CLOSED]).exists()


def _editable_for(template: AssessmentTemplate, by: User) -> AssessmentTemplate:
    """The template locked for a change, once it is known to be an initiative's copy that the
    user manages and that no round has used."""
    if template.initiative_id is None:
        raise ValidationError(SHIPPED, code="shipped")
    locked = (
        AssessmentTemplate.objects.select_for_update(of=("self",))
        .select_related("initiative")
        .get(pk=template.pk)
    )
    _require(by, locked.initiative)
    if template_is_frozen(locked):
        raise ValidationError(FROZEN, code="frozen")
    return locked


@transaction.atomic
def template_copy(
    *, template: AssessmentTemplate, initiative: Initiative, by: User
) -> AssessmentTemplate:
    """An initiative-owned copy of a template (the platform's or one of the initiative's own),
    with its sections and benchmarks, their keys and translations; see the module's note."""
    _require(by, initiative)
    if template.initiative_id not in (None, initiative.pk):
        _raise({"template": NOT_HERE})
    # Lock the initiative so that two copies at once do not take the same version.
    Initiative.objects.select_for_update().filter(pk=initiative.pk).first()
    last = AssessmentTemplate.objects.filter(initiative=initiative, key=template.key).aggregate(
        last=Max("version")
    )["last"]
    copy = AssessmentTemplate.objects.create(
        key=template.key,
        version=(last or 0) + 1,
        kind=template.kind,
        name=template.name,
        description=template.description,
        language=template.language,
        translations=template.translations,
        initiative=initiative,
        based_on=template,
        created_by=by,
    )
    sections = list(template.sections.order_by("order", "pk"))
    made = TemplateSection.objects.bulk_create(
        TemplateSection(
            template=copy,
            key=section.key,
            name=section.name,
            description=section.description,
            order=section.order,
            language=section.language,
            translations=section.translations,
        )
        for section in sections
    )
    new_section = {old.pk: new for old, new in zip(sections, made, strict=True)}
    Benchmark.objects.bulk_create(
        Benchmark(
            section=new_section[benchmark.section_id],
            key=benchmark.key,
            text=benchmark.text,
            order=benchmark.order,
            language=benchmark.language,
            translations=benchmark.translations,
        )
        for benchmark in Benchmark.objects.filter(section__template=template).order_by(
            "section_id", "order", "pk"
        )
    )
    return copy


def _texts(obj, changes: dict, fields: dict[str, object], one_line: tuple[str, ...]) -> None:
    """Set the changed texts of `obj` (name/description, or text), and its versions and
    language when given."""
    for name, required in fields.items():
        if name in changes:
            value = _clean(changes[name], name, required=required, one_line=name in one_line)
            setattr(obj, name, value)
    versions = _versions(changes.get("translations"), tuple(fields), one_line)
    if versions is not None:
        obj.translations = versions
    if "language" in changes or versions is not None:
        first = getattr(obj, next(iter(fields)))
        obj.language = _language(changes.get("language", obj.language), first)


def _known(changes: dict, fields: tuple[str, ...], noun: str) -> None:
    unknown = set(changes) - {*fields, "translations", "language"}
    if unknown:
        raise ValueError(f"not fields of a {noun}: {sorted(unknown)}")


@transaction.atomic
def template_update(*, template: AssessmentTemplate, by: User, **changes) -> AssessmentTemplate:
    """Change the name or description of an initiative's copy (and their versions in other
    languages: `translations` {"name": {"he": …}}, `language` of the originals)."""
    _known(changes, ("name", "description"), "template")
    template = _editable_for(template, by)
    _texts(template, changes, {"name": NAME_NEEDED, "description": None}, ("name",))
    template.save()
    return template


def _section_editable(section: TemplateSection, by: User) -> TemplateSection:
    section = TemplateSection.objects.select_related("template").get(pk=section.pk)
    section.template = _editable_for(section.template, by)
    return section


@transaction.atomic
def section_update(*, section: TemplateSection, by: User, **changes) -> TemplateSection:
    """Change a section's name or description (its key stays: results compare by it)."""
    _known(changes, ("name", "description"), "section")
    section = _section_editable(section, by)
    _texts(section, changes, {"name": NAME_NEEDED, "description": None}, ("name",))
    section.save()
    return section


@transaction.atomic
def benchmark_update(*, benchmark: Benchmark, by: User, **changes) -> Benchmark:
    """Change a benchmark's text (and its versions; its key stays)."""
    _known(changes, ("text",), "benchmark")
    benchmark = Benchmark.objects.select_related("section__template").get(pk=benchmark.pk)
    benchmark.section.template = _editable_for(benchmark.section.template, by)
    _texts(benchmark, changes, {"text": TEXT_NEEDED}, ())
    benchmark.save()
    return benchmark


def _new_key(section: TemplateSection, text: str) -> str:
    """A key for a new benchmark from its text, unique in its section."""
    base = slugify(text)[:50].strip("-") or "benchmark"
    taken = set(section.benchmarks.values_list("key", flat=True))
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}-{number}"
    return key


@transaction.atomic
def benchmark_create(
    *, section: TemplateSection, text: str, by: User, translations=None, language=None
) -> Benchmark:
    """Add a benchmark at the end of a section of a copy."""
    section = _section_editable(section, by)
    benchmark = Benchmark(section=section)
    changes = {"text": text, "translations": translations or {}}
    if language is not None:
        changes["language"] = language
    _texts(benchmark, changes, {"text": TEXT_NEEDED}, ())
    benchmark.key = _new_key(section, benchmark.text)
    last = section.benchmarks.aggregate(last=Max("order"))["last"]
    benchmark.order = (last or 0) + 1
    benchmark.save()
    return benchmark


@transaction.atomic
def benchmark_remove(*, benchmark: Benchmark, by: User) -> None:
    """Take a benchmark out of a section of a copy (a section keeps at least one)."""
    benchmark = Benchmark.objects.select_related("section__template").get(pk=benchmark.pk)
    _editable_for(benchmark.section.template, by)
    if benchmark.section.benchmarks.count() <= 1:
        raise ValidationError(LAST_BENCHMARK, code="last")
    benchmark.delete()
