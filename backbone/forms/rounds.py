"""The forms of the round and answer pages: what the pages ask, typed; the rules are the
services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sheatufim.forms_text import CleanTextMixin

from ..models import AssessmentRound, AssessmentTemplate, Level
from ..selectors.rounds import round_templates
from ..selectors.templates import benchmark_text
from ..services.answers import (
    CHOICE_FOR_COMMENT,
    CHOOSE_LEVEL,
    COMMENT_MAX,
    COMMENT_TOO_LONG,
    comment_field,
    level_field,
)
from ..services.rounds import CHOOSE_TEMPLATE, GIVE_DATE, OPEN_FIELDS

CANNOT_SAY = "cannot_say"  # the form's value for "I cannot say" (an answer with no level)


class TemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AssessmentTemplate) -> str:
        name = obj.text("name")
        if obj.is_shipped:
            return _("%(name)s (the platform's, version %(version)s)") % {
                "name": name,
                "version": obj.version,
            }
        return _("%(name)s (this initiative's copy)") % {"name": name}


def _date(label):
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": GIVE_DATE, "required": GIVE_DATE},
    )


class RoundForm(CleanTextMixin, forms.Form):
    template = TemplateChoiceField(
        label=_("Template"),
        queryset=AssessmentTemplate.objects.none(),
        error_messages={"invalid_choice": CHOOSE_TEMPLATE, "required": CHOOSE_TEMPLATE},
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    opens_on = _date(_("Opens on"))
    closes_on = _date(_("Closes on"))
    anonymous = forms.BooleanField(
        label=_("Anonymous"),
        required=False,
        initial=True,
        help_text=AssessmentRound._meta.get_field("anonymous").help_text,
    )

    def __init__(self, *args, initiative, open_round=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = round_templates(initiative)
        if open_round:  # only the title and the closing date still change
            for name in list(self.fields):
                if name not in OPEN_FIELDS:
                    del self.fields[name]


class AnswerForm(CleanTextMixin, forms.Form):
    """A level (or "I cannot say") and a comment per benchmark of the round's template."""

    LEVELS = [*Level.choices, (CANNOT_SAY, _("I cannot say"))]

    def __init__(self, *args, benchmarks, **kwargs):
        super().__init__(*args, **kwargs)
        self.benchmark_ids = [benchmark.pk for benchmark in benchmarks]
        for benchmark in benchmarks:
            self.fields[level_field(benchmark.pk)] = forms.ChoiceField(
                label=benchmark_text(benchmark),
                choices=self.LEVELS,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": CHOOSE_LEVEL},
            )
            self.fields[comment_field(benchmark.pk)] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=COMMENT_MAX,
                widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
                error_messages={"max_length": COMMENT_TOO_LONG},
            )

    @staticmethod
    def initial_for(answers) -> dict:
        initial = {}
        for answer in answers:
            initial[level_field(answer.benchmark_id)] = (
                CANNOT_SAY if answer.level is None else str(answer.level)
            )
            initial[comment_field(answer.benchmark_id)] = answer.comment
        return initial

    def clean(self):
        cleaned = super().clean()
        for pk in self.benchmark_ids:
            comment = (cleaned.get(comment_field(pk)) or "").strip()
            if comment and not cleaned.get(level_field(pk)) and level_field(pk) not in self.errors:
                self.add_error(level_field(pk), CHOICE_FOR_COMMENT)
        return cleaned

    def answers(self) -> dict:
        """benchmark id → (level or None, comment) for each benchmark given a choice."""
        found = {}
        for pk in self.benchmark_ids:
            choice = self.cleaned_data.get(level_field(pk))
            if choice:
                comment = self.cleaned_data.get(comment_field(pk)) or ""
                found[pk] = (None if choice == CANNOT_SAY else int(choice), comment)
        return found
