"""The admin's side of entered text: in through clean_text, out isolated.

Names are shown in the admin through `__str__` and their fields, beside labels and other
columns in another direction; each is isolated (`<bdi>` in the change list, FSI…PDI in the
options of a select, which cannot hold markup), so that a Hebrew or Arabic name, or one
holding stray bidi controls, cannot reorder what stands next to it. `__str__` itself stays
plain: other outputs isolate in their own way.

`TextAdminMixin` goes first in a ModelAdmin's bases, `TextInlineMixin` in an inline's.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.html import format_html

from .forms_text import CleanTextModelForm
from .text import isolate, strip_overrides


def bdi(value) -> str:
    return format_html("<bdi>{}</bdi>", strip_overrides(str(value)))


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _isolates(field) -> bool:
    if isinstance(field, models.ForeignKey):
        return True
    return isinstance(field, models.CharField | models.TextField) and not field.choices


def _column(model, name):
    """`name` of a list_display as a column that isolates it, or `name` as it was."""
    if name == "__str__":

        def column(obj):
            return bdi(obj)

        column.short_description = model._meta.verbose_name
        return column
    field = _field(model, name) if isinstance(name, str) else None
    if field is None or not _isolates(field):
        return name

    def column(obj):
        value = getattr(obj, name)
        return None if value in (None, "") else bdi(value)

    column.short_description = field.verbose_name
    column.admin_order_field = name
    return column


def _isolating_labels(formfield):
    if formfield is not None and hasattr(formfield, "label_from_instance"):
        formfield.label_from_instance = lambda obj: isolate(str(obj))
    return formfield


class TextInlineMixin:
    form = CleanTextModelForm

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return _isolating_labels(super().formfield_for_foreignkey(db_field, request, **kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return _isolating_labels(super().formfield_for_manytomany(db_field, request, **kwargs))


class _Isolated:
    def __init__(self, obj):
        self.pk, self._text = obj.pk, isolate(str(obj))

    def __str__(self):
        return self._text


class TextAdminMixin(TextInlineMixin):
    def action_checkbox(self, obj):
        # Its aria-label names the object.
        return super().action_checkbox(_Isolated(obj))

    def get_list_display(self, request):
        return [_column(self.model, name) for name in super().get_list_display(request)]

    def get_list_select_related(self, request):
        # Columns made callables hide their foreign keys from the change list's own guess.
        chosen = super().get_list_select_related(request)
        if chosen is not False:
            return chosen
        return [
            name
            for name in self.list_display
            if isinstance(name, str) and isinstance(_field(self.model, name), models.ForeignKey)
        ]
