"""The dimension form's categories in each language: one per line, in the same order."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sheatufim.text import clean_text
from sheatufim.translated_forms import LANGUAGE_NAMES

CATEGORY_NAME_TOO_LONG = _("A category name has at most 100 characters.")


def _lines(value: str) -> list[str]:
    return [line for line in (" ".join(raw.split()) for raw in value.splitlines()) if line]


class CategoryVersions:
    """Adds `categories_en`, `categories_he`, `categories_ar` beside `categories`; cleaned,
    they are `cleaned_data["category_translations"]`: per category, {"name": {lang: …}}."""

    declared_fields = {
        f"categories_{lang}": forms.CharField(
            label=format_lazy(_("{text} ({language})"), text=_("Categories"), language=name),
            required=False,
            help_text=_("Optional: the same categories in this language, one per line."),
            widget=forms.Textarea(attrs={"rows": 4}),
        )
        for lang, name in LANGUAGE_NAMES.items()
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        versions = list(CategoryVersions.declared_fields)
        names = [name for name in self.fields if name not in versions]
        at = names.index("categories") + 1
        self.order_fields([*names[:at], *versions, *names[at:]])

    def clean(self):
        cleaned = super().clean()
        categories = cleaned.get("categories") or []
        versions: list[dict] = [{} for _category in categories]
        for lang in LANGUAGE_NAMES:
            field = f"categories_{lang}"
            lines = _lines(cleaned.pop(field, "") or "")
            if not lines or not categories:
                continue
            try:
                lines = [clean_text(line) for line in lines]
            except ValidationError as error:
                self.add_error(field, error)
                continue
            if len(lines) != len(categories):
                self.add_error(
                    field,
                    ngettext(
                        "Give one line per category (%(count)d), in the same order.",
                        "Give one line per category (%(count)d), in the same order.",
                        len(categories),
                    )
                    % {"count": len(categories)},
                )
            elif any(len(line) > 100 for line in lines):
                self.add_error(field, CATEGORY_NAME_TOO_LONG)
            else:
                for version, line in zip(versions, lines, strict=True):
                    version.setdefault("name", {})[lang] = line
        cleaned["category_translations"] = versions
        return cleaned
