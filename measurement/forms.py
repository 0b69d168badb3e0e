import posixpath

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agenda.models import Goal
from sheatufim.forms_text import CleanTextMixin
from sheatufim.text import isolate
from sheatufim.translated_forms import translation_fields

from .models import (
    Dimension,
    Frequency,
    Indicator,
    MeasurementSettings,
    ReportingPeriod,
    Submission,
    TimeAggregation,
    default_time_aggregation,
)
from .models.submissions import EVIDENCE_EXTENSIONS
from .numbers import plain
from .services import Values
from .services.imports import FILE_TOO_LARGE
from .services.periods import DATE_IN_PAST
from .translated_forms import CATEGORY_NAME_TOO_LONG, CategoryVersions

TEMPLATE_FILE_HELP = _("The .xlsx or .csv template, up to 5 MB.")

MAX_EVIDENCE_BYTES = 5 * 1024 * 1024


def check_evidence_file(upload):
    """An uploaded file of a kind evidence may be, within the size cap (the evidence of a value,
    a document of the community's library): the file, or a ValidationError."""
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in EVIDENCE_EXTENSIONS:
        raise ValidationError(
            _("Allowed file types: %(types)s.") % {"types": ", ".join(EVIDENCE_EXTENSIONS)}
        )
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(FILE_TOO_LARGE)
    return upload


class IndicatorForm(
    CleanTextMixin, translation_fields(name=200, definition=None, unit=50), forms.ModelForm
):
    organizations = forms.ModelMultipleChoiceField(
        label=_("Organizations that report it"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "definition",
            "unit",
            "data_source",
            "method",
            "goal",
            "kind",
            "value_type",
            "aggregation",
            "cumulative",
            "time_aggregation",
            "direction",
            "frequency",
            "decimals",
            "baseline",
            "baseline_label",
            "outlier_factor",
            "dimensions",
            "contributes_to",
            "contribution_active",
            "is_active",
        ]
        help_texts = {
            "aggregation": _(
                "A weighted average asks each organization for the weight of its value "
                "(e.g. the number of students behind a score)."
            ),
        }
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 3}),
            "method": forms.Textarea(attrs={"rows": 3}),
            "dimensions": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, initiative, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.initiative = initiative
        self.fields["organizations"].queryset = organizations
        self.fields["dimensions"].queryset = Dimension.objects.filter(initiative=initiative)
        self.fields["goal"].queryset = Goal.objects.filter(initiative=initiative).filter(
            Q(retired=False) | Q(pk=self.instance.goal_id)
        )
        self.fields["goal"].help_text = _("A goal of the initiative's common agenda.")
        if self.instance.baseline is not None and not self.is_bound:
            self.initial["baseline"] = plain(self.instance.baseline)  # 1200, not 1200.000000
        if self.instance.pk:
            self.initial["organizations"] = list(
                self.instance.assignments.values_list("organization_id", flat=True)
            )
        self._time_rule_field()
        self._contribution_fields(initiative)

    def _time_rule_field(self):
        """Empty is the default of the value type (see default_time_aggregation): a stored
        rule that is that default shows as empty, so that it follows a change of the type."""
        field = self.fields["time_aggregation"]
        field.choices = [("", _("The default for its type")), *TimeAggregation.choices]
        instance = self.instance
        default = default_time_aggregation(
            value_type=instance.value_type, cumulative=instance.cumulative
        )
        if instance.pk and not self.is_bound and instance.time_aggregation == default:
            self.initial["time_aggregation"] = ""

    def _contribution_fields(self, initiative):
        """Choices among the active indicators of the parent initiative, named with it;
        without a parent there is nothing to add to."""
        if initiative.parent_id is None:
            del self.fields["contributes_to"]
            del self.fields["contribution_active"]
            return
        field = self.fields["contributes_to"]
        field.queryset = (
            Indicator.objects.filter(initiative_id=initiative.parent_id)
            .filter(Q(is_active=True) | Q(pk=self.instance.contributes_to_id))
            .select_related("initiative")
            .order_by("code")
        )
        field.label_from_instance = contribution_label
        field.empty_label = _("None: this indicator adds to no other")

    def clean_code(self):
        code = self.cleaned_data["code"]
        others = Indicator.objects.filter(initiative=self.instance.initiative, code__iexact=code)
        if others.exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Another indicator of this initiative has this code."))
        return code


def contribution_label(indicator: Indicator) -> str:
    return _("%(code)s · %(name)s, of %(initiative)s") % {
        "code": isolate(indicator.code),
        "name": isolate(indicator.text("name")),
        "initiative": isolate(indicator.initiative.text("name")),
    }


class DimensionForm(CleanTextMixin, CategoryVersions, translation_fields(name=100), forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    categories = forms.CharField(
        label=_("Categories"),
        help_text=_("One per line, in the order they should appear."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_categories(self):
        names = [" ".join(line.split()) for line in self.cleaned_data["categories"].splitlines()]
        names = [name for name in names if name]
        if len(names) < 2:
            raise ValidationError(_("A breakdown needs at least two categories."))
        if len({name.lower() for name in names}) != len(names):
            raise ValidationError(_("Each category must appear once."))
        if any(len(name) > 100 for name in names):
            raise ValidationError(CATEGORY_NAME_TOO_LONG)
        return names


class PeriodsGenerateForm(forms.Form):
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Frequency.choices)
    first_start = forms.DateField(
        label=_("First period starts"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Periods start on the first of the month."),
    )
    count = forms.IntegerField(label=_("How many periods"), min_value=1, max_value=120, initial=4)


THRESHOLD_RANGE = _("The threshold is a share of the organizations: from 1 to 100 percent.")


class SettingsForm(forms.ModelForm):
    class Meta:
        model = MeasurementSettings
        fields = [
            "shares_raw_values",
            "open_days_before_end",
            "due_days_after_end",
            "close_days_after_due",
            "lock_days_after_due",
            "provisional_threshold",
        ]
        error_messages = {
            "provisional_threshold": {
                "min_value": THRESHOLD_RANGE,
                "max_value": THRESHOLD_RANGE,
            }
        }

    def clean(self):
        cleaned = super().clean()
        close, lock = cleaned.get("close_days_after_due"), cleaned.get("lock_days_after_due")
        if close is not None and lock is not None and lock < close:
            self.add_error("lock_days_after_due", _("A period is locked after it is closed."))
        return cleaned


class LateGrantForm(CleanTextMixin, forms.Form):
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=None)
    until = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, auto_id="exception_%s", **kwargs)
        self.fields["organization"].queryset = organizations

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until < timezone.localdate():
            raise ValidationError(DATE_IN_PAST)
        return until


def _number(label, required=False):
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=20,
        decimal_places=6,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal", "dir": "ltr"}),
    )


class ValuesForm(CleanTextMixin, forms.Form):
    """The values of one indicator for one organization and period, built from the indicator."""

    def __init__(
        self, *args, indicator: Indicator, submission: Submission | None, period_id=None, **kwargs
    ):
        prefix = f"i{indicator.pk}"
        # The reporting page shows the same indicator in each open period: the element ids name
        # the period, so that a label focuses its own period's field (p7-i4-value).
        auto_id = f"p{period_id}-%s" if period_id is not None else "%s"
        super().__init__(*args, prefix=prefix, auto_id=auto_id, **kwargs)
        self.indicator = indicator
        self.categories = [
            category
            for dimension in indicator.dimensions.all()
            for category in dimension.categories.all()
        ]
        unit = f" ({indicator.text('unit')})" if indicator.unit else ""
        if indicator.is_fraction:
            self.fields["numerator"] = _number(_("Numerator"))
            self.fields["denominator"] = _number(_("Denominator"))
        else:
            self.fields["value"] = _number(_("Value") + unit)
        if indicator.aggregation == "weighted_average":
            self.fields["weight"] = _number(_("Weight"))
        for category in self.categories:
            label = f"{category.dimension.text('name')}: {category.text('name')}"
            if indicator.is_fraction:
                self.fields[f"category_{category.pk}_numerator"] = _number(
                    label + " · " + str(_("numerator"))
                )
                self.fields[f"category_{category.pk}_denominator"] = _number(
                    label + " · " + str(_("denominator"))
                )
            else:
                self.fields[f"category_{category.pk}"] = _number(label)
        if self.categories:
            self.fields["breakdown_incomplete"] = forms.BooleanField(
                label=_("The breakdown is incomplete"), required=False
            )
        self.fields["comment"] = forms.CharField(
            label=_("Comment"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        )
        help_text = _("PDF, image, spreadsheet or document, up to 5 MB.")
        if submission is not None and submission.evidence:
            help_text = _("%(help)s A new file replaces %(name)s.") % {
                "help": help_text,
                "name": "\u2068" + posixpath.basename(submission.evidence.name) + "\u2069",
            }
        self.fields["evidence"] = forms.FileField(
            label=_("Evidence (optional)"),
            required=False,
            help_text=help_text,
            widget=forms.ClearableFileInput(
                attrs={"accept": ",".join(f".{e}" for e in EVIDENCE_EXTENSIONS)}
            ),
        )
        # The version this form was filled from: a save over someone else's newer change is
        # refused with what changed, never silently lost.
        self.fields["version"] = forms.IntegerField(
            required=False, min_value=0, widget=forms.HiddenInput
        )
        self.initial["version"] = submission.version if submission is not None else 0
        if submission is not None and not self.is_bound:
            self.initial.update(self._initial_from(submission))

    def _initial_from(self, submission: Submission) -> dict:
        initial = {
            name: getattr(submission, name)
            for name in (
                "value",
                "numerator",
                "denominator",
                "weight",
                "comment",
                "breakdown_incomplete",
            )
        }
        for row in submission.category_values.all():
            initial[f"category_{row.category_id}"] = row.value
            initial[f"category_{row.category_id}_numerator"] = row.numerator
            initial[f"category_{row.category_id}_denominator"] = row.denominator
        return {key: plain(value) for key, value in initial.items()}

    def clean_evidence(self):
        evidence = self.cleaned_data.get("evidence")
        if not evidence:
            return None
        return check_evidence_file(evidence)

    def values(self) -> Values:
        data = self.cleaned_data
        categories = {
            category.pk: {
                "value": data.get(f"category_{category.pk}"),
                "numerator": data.get(f"category_{category.pk}_numerator"),
                "denominator": data.get(f"category_{category.pk}_denominator"),
            }
            for category in self.categories
        }
        return Values(
            value=data.get("value"),
            numerator=data.get("numerator"),
            denominator=data.get("denominator"),
            weight=data.get("weight"),
            categories=categories,
            breakdown_incomplete=bool(data.get("breakdown_incomplete")),
            comment=data.get("comment", ""),
        )


class NoteForm(CleanTextMixin, forms.Form):
    note = forms.CharField(
        label=_("Note to the partner"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ImportForm(forms.Form):
    period = forms.ModelChoiceField(label=_("Period"), queryset=ReportingPeriod.objects.none())
    file = forms.FileField(label=_("Filled template"), help_text=TEMPLATE_FILE_HELP)
    submit = forms.BooleanField(
        label=_("Submit the values for review (otherwise they are saved as drafts)"),
        required=False,
    )

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, auto_id="import_%s", **kwargs)
        self.fields["period"].queryset = periods


class DashboardFilterForm(forms.Form):
    """The dashboard's filters: a period (trends up to its end; the heatmap's period) and a
    category (the figures of that category). Choices come from lists read once by the view,
    so validating costs no query; an unknown id or a word is an error at its field."""

    period = forms.TypedChoiceField(label=_("Period"), coerce=int, required=False)
    category = forms.TypedChoiceField(
        label=_("Breakdown"), coerce=int, required=False, empty_value=None
    )
    page = forms.IntegerField(
        label=_("Heatmap page"), min_value=1, required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, periods, categories, current=None, **kwargs):
        super().__init__(*args, auto_id="dashboard_%s", **kwargs)
        self.periods = {period.pk: period for period in periods}
        self.categories = {category.pk: category for category in categories}
        self.fields["period"].choices = [(p.pk, self._label(p, current)) for p in periods]
        groups: dict[str, list] = {}
        for category in categories:
            groups.setdefault(category.dimension.text("name"), []).append(
                (category.pk, category.text("name"))
            )
        self.fields["category"].choices = [("", _("All (totals)")), *groups.items()]
        if current is not None:
            self.fields["period"].initial = current.pk

    @staticmethod
    def _label(period, current) -> str:
        # The label (2026 Q1) is isolated (FSI … PDI) so that it reads the same in Hebrew.
        label = f"\u2068{period.label}\u2069 · {period.get_frequency_display()}"
        if period != current:
            return label
        return _("%(period)s · current") % {"period": label}

    def chosen_period(self, default):
        return self.periods.get(self.cleaned_data.get("period"), default)

    def chosen_category(self):
        return self.categories.get(self.cleaned_data.get("category"))
