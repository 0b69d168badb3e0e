"""The forms of the minutes, decisions and action-item pages; the services have the last word
(their ValidationErrors come back to these fields)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agenda.models import Goal, Strategy
from initiatives.models import Initiative, Organization, User
from sheatufim.forms_text import CleanTextMixin
from sheatufim.text import isolate
from sheatufim.translated_forms import translation_fields

from ..models import ActionItemStatus, DecisionStatus, Meeting, WorkingGroup

_DATE = {"type": "date", "dir": "ltr"}


def _date(label, required=True, **kwargs):
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs=_DATE, format="%Y-%m-%d"),
        **kwargs,
    )


class _Choice(forms.ModelChoiceField):
    """Choices labelled in the reader's language, names isolated."""

    def label_from_instance(self, obj):
        for field in ("title", "name"):
            if hasattr(obj, "text") and field in getattr(obj, "translatable", ()):
                return isolate(obj.text(field))
        if isinstance(obj, User):
            return isolate(obj.get_full_name() or obj.email)
        return isolate(str(obj))


class MinutesForm(CleanTextMixin, translation_fields(body=None), forms.Form):
    body = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 14}))

    def __init__(self, *args, minutes=None, **kwargs):
        """`minutes`: the text being edited, shown back with its language and versions."""
        self.instance = minutes  # read by TranslatedTexts for the language and the versions
        super().__init__(*args, **kwargs)
        if minutes is not None and not self.is_bound:
            self.initial.setdefault("body", minutes.body)


class CommentForm(CleanTextMixin, forms.Form):
    text = forms.CharField(
        label=_("What should be corrected"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CorrectionForm(CleanTextMixin, forms.Form):
    body = forms.CharField(label=_("Corrected minutes"), widget=forms.Textarea(attrs={"rows": 14}))
    reason = forms.CharField(label=_("Why the approved minutes are corrected"), max_length=500)


def meetings_of(initiative: Initiative):
    return Meeting.objects.filter(initiative=initiative).order_by("-starts_at", "-id")


class DecisionForm(CleanTextMixin, translation_fields(statement=None), forms.Form):
    statement = forms.CharField(
        label=_("What was decided"), widget=forms.Textarea(attrs={"rows": 4})
    )
    meeting = _Choice(label=_("Meeting"), queryset=Meeting.objects.none(), required=False)
    decided_by = forms.CharField(
        label=_("Decided by"),
        max_length=200,
        required=False,
        help_text=_("Where no meeting decided it, e.g. “the steering committee by email”."),
    )
    working_group = _Choice(
        label=_("Working group"),
        queryset=WorkingGroup.objects.none(),
        required=False,
        help_text=_("A decision of a meeting is of the meeting's group."),
    )
    decided_on = _date(_("Decided on"))
    goal = _Choice(label=_("Goal"), queryset=Goal.objects.none(), required=False)
    strategy = _Choice(label=_("Strategy"), queryset=Strategy.objects.none(), required=False)
    review_on = _date(_("To be reviewed on"), required=False)

    def __init__(self, *args, initiative: Initiative, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (
            meetings if meetings is not None else meetings_of(initiative)
        )
        self.fields["goal"].queryset = Goal.objects.filter(initiative=initiative, retired=False)
        self.fields["strategy"].queryset = Strategy.objects.filter(
            goal__initiative=initiative, retired=False
        )
        self.fields["working_group"].queryset = WorkingGroup.objects.filter(
            initiative=initiative, archived=False
        )


class DecisionStatusForm(CleanTextMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=DecisionStatus.choices)
    note = forms.CharField(label=_("Note on the status"), max_length=500, required=False)


class ActionItemForm(CleanTextMixin, translation_fields(title=300), forms.Form):
    title = forms.CharField(label=_("What is to be done"), max_length=300)
    owner = _Choice(label=_("Owed by"), queryset=User.objects.none())
    organization = _Choice(
        label=_("Organization"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("Empty: the organization the person speaks for."),
    )
    due_on = _date(_("Due on"), required=False)
    meeting = _Choice(label=_("Meeting"), queryset=Meeting.objects.none(), required=False)
    working_group = _Choice(
        label=_("Working group"), queryset=WorkingGroup.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=ActionItemStatus.choices, initial=ActionItemStatus.OPEN
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, initiative: Initiative, meetings=None, changing=False, **kwargs):
        """A new item is open and names where it was given; a change keeps where it was
        given (`changing`) and may move its status."""
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(
            memberships__initiative=initiative, is_active=True
        ).order_by("full_name", "email")
        self.fields["organization"].queryset = Organization.objects.filter(
            participations__initiative=initiative
        ).distinct()
        self.fields["meeting"].queryset = (
            meetings if meetings is not None else meetings_of(initiative)
        )
        self.fields["working_group"].queryset = WorkingGroup.objects.filter(
            initiative=initiative, archived=False
        )
        for name in ("meeting", "working_group") if changing else ("status",):
            del self.fields[name]


class ActionItemMoveForm(CleanTextMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionItemStatus.choices)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


def _all(choices):
    return [("", _("All")), *choices]


class DecisionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_all(DecisionStatus.choices)
    )
    goal = _Choice(label=_("Goal"), queryset=Goal.objects.none(), required=False)
    strategy = _Choice(label=_("Strategy"), queryset=Strategy.objects.none(), required=False)
    meeting = _Choice(label=_("Meeting"), queryset=Meeting.objects.none(), required=False)
    due = forms.BooleanField(label=_("Due for review"), required=False)
    NAMES = ("status", "goal", "strategy", "meeting", "due")

    def __init__(self, data, *, initiative: Initiative, meetings):
        data = {name: (data or {}).get(name, "") for name in self.NAMES}
        super().__init__(data, auto_id="filter_%s")
        self.fields["goal"].queryset = Goal.objects.filter(initiative=initiative)
        self.fields["strategy"].queryset = Strategy.objects.filter(goal__initiative=initiative)
        self.fields["meeting"].queryset = meetings

    @property
    def is_filtering(self) -> bool:
        return any(self.data.get(name) for name in self.NAMES)


class ActionItemFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_all(ActionItemStatus.choices)
    )
    owner = _Choice(label=_("Owed by"), queryset=User.objects.none(), required=False)
    meeting = _Choice(label=_("Meeting"), queryset=Meeting.objects.none(), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    NAMES = ("status", "owner", "meeting", "overdue")

    def __init__(self, data, *, initiative: Initiative | None, meetings=None):
        data = {name: (data or {}).get(name, "") for name in self.NAMES}
        super().__init__(data, auto_id="filter_%s")
        if initiative is None:  # "my action items": no owner nor meeting to choose
            del self.fields["owner"], self.fields["meeting"]
            return
        self.fields["owner"].queryset = User.objects.filter(memberships__initiative=initiative)
        self.fields["meeting"].queryset = meetings

    @property
    def is_filtering(self) -> bool:
        return any(self.data.get(name) for name in self.NAMES)
