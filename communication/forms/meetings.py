"""The forms of working groups and meetings: what the pages ask, typed; the rules are the
services'. Choices come from lists the view reads once; a form never saves a model.

A meeting's start and end are entered as wall-clock times in the meeting's time zone and
made aware here, so the service stores UTC and the page shows them back in that zone."""

import zoneinfo
from datetime import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sheatufim.forms_text import CleanTextMixin
from sheatufim.text import isolate

from ..models import Answer, MeetingKind
from ..services._people import (
    CHOOSE_GOAL,
    CHOOSE_INDICATOR,
    CHOOSE_PEOPLE,
    CHOOSE_PERSON,
    CHOOSE_STRATEGY,
)
from ..services.meetings import CHOOSE_GROUP, CHOOSE_TIME_ZONE, MINUTES_RANGE

TIME_ZONE_CHOICES = [
    (name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())
]
_LOCAL = {"type": "datetime-local", "dir": "ltr"}
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


def _choice(label, message, required=False, **kwargs):
    return forms.TypedChoiceField(
        label=label,
        coerce=int,
        required=required,
        empty_value=None,
        error_messages={"invalid_choice": message},
        **kwargs,
    )


def _people(label, required=False):
    return forms.TypedMultipleChoiceField(
        label=label,
        coerce=int,
        required=required,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": CHOOSE_PEOPLE},
    )


def person_label(membership) -> str:
    """A person and the organization they speak for, each isolated."""
    name = isolate(membership.user.get_full_name() or membership.user.email)
    if membership.organization:
        return f"{name} · {isolate(membership.organization.text('name'))}"
    return name


def _texts(objects, field):
    return [(o.pk, isolate(o.text(field))) for o in objects]


class GroupForm(CleanTextMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    purpose = forms.CharField(
        label=_("Purpose"), required=False, widget=forms.Textarea({"rows": 3})
    )
    goal = _choice(_("Goal"), CHOOSE_GOAL)
    strategy = _choice(_("Strategy"), CHOOSE_STRATEGY)
    convener = _choice(_("Convener"), CHOOSE_PERSON)
    members = _people(_("Members"))

    def __init__(self, *args, goals, strategies, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.objects = {
            "goal": {g.pk: g for g in goals},
            "strategy": {s.pk: s for s in strategies},
            "convener": {m.user_id: m.user for m in people},
        }
        none = [("", "—")]
        self.fields["goal"].choices = none + _texts(goals, "title")
        self.fields["strategy"].choices = none + _texts(strategies, "title")
        self.fields["convener"].choices = none + [(m.user_id, person_label(m)) for m in people]
        self.fields["members"].choices = [(m.user_id, person_label(m)) for m in people]

    @classmethod
    def initial_of(cls, group) -> dict:
        return {
            "name": group.name,
            "purpose": group.purpose,
            "goal": group.goal_id,
            "strategy": group.strategy_id,
            "convener": group.convener_id,
            "members": [m.user_id for m in group.memberships.all()],
        }

    def changes(self) -> dict:
        data = self.cleaned_data
        changes = {"name": data["name"], "purpose": data["purpose"]}
        for name, objects in self.objects.items():
            changes[name] = objects.get(data[name]) if data[name] else None
        return changes

    def chosen_members(self) -> list:
        users = self.objects["convener"]
        return [users[pk] for pk in self.cleaned_data["members"]]


class MeetingForm(CleanTextMixin, forms.Form):
    working_group = _choice(_("Working group"), CHOOSE_GROUP)
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea({"rows": 3})
    )
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        input_formats=[LOCAL_FORMAT],
        widget=forms.DateTimeInput(_LOCAL, format=LOCAL_FORMAT),
        help_text=_("In the meeting's time zone."),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"),
        input_formats=[LOCAL_FORMAT],
        widget=forms.DateTimeInput(_LOCAL, format=LOCAL_FORMAT),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=TIME_ZONE_CHOICES,
        initial=settings.TIME_ZONE,
        error_messages={"invalid_choice": CHOOSE_TIME_ZONE},
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(
        label=_("Online link"), max_length=500, required=False, assume_scheme="https"
    )
    shared = forms.BooleanField(
        label=_("Shared with everyone in the initiative"),
        required=False,
        help_text=_("Off: only the invitees, the working group's members and the staff see it."),
    )

    def __init__(self, *args, groups=None, **kwargs):
        """`groups`: the working groups to choose from; None: the group is not chosen here."""
        super().__init__(*args, **kwargs)
        self.groups = {g.pk: g for g in groups or []}
        if groups is None:
            del self.fields["working_group"]
        else:
            self.fields["working_group"].choices = [
                ("", _("None: a meeting of the initiative")),
                *_texts(groups, "name"),
            ]

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("time_zone")
        if name:
            zone = zoneinfo.ZoneInfo(name)
            for field in ("starts_at", "ends_at"):
                value = cleaned.get(field)
                if isinstance(value, datetime):
                    cleaned[field] = timezone.make_aware(value.replace(tzinfo=None), zone)
        return cleaned

    @classmethod
    def initial_of(cls, meeting) -> dict:
        zone = zoneinfo.ZoneInfo(meeting.time_zone)
        initial = {
            name: getattr(meeting, name)
            for name in ("kind", "title", "description", "time_zone", "place", "online_url")
        }
        initial["shared"] = meeting.shared
        initial["starts_at"] = meeting.starts_at.astimezone(zone).replace(tzinfo=None)
        initial["ends_at"] = meeting.ends_at.astimezone(zone).replace(tzinfo=None)
        return initial

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        group = data.pop("working_group", None)
        if "working_group" in self.fields:
            data["working_group"] = self.groups.get(group) if group else None
        return data


class AgendaItemForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    presenter = _choice(_("Presenter"), CHOOSE_PERSON)
    minutes_allotted = forms.IntegerField(
        label=_("Minutes allotted"),
        required=False,
        min_value=1,
        max_value=1440,
        error_messages={"min_value": MINUTES_RANGE, "max_value": MINUTES_RANGE},
    )
    goal = _choice(_("Goal"), CHOOSE_GOAL)
    strategy = _choice(_("Strategy"), CHOOSE_STRATEGY)
    indicator = _choice(_("Indicator"), CHOOSE_INDICATOR)

    def __init__(self, *args, people, goals, strategies, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.objects = {
            "presenter": {m.user_id: m.user for m in people},
            "goal": {g.pk: g for g in goals},
            "strategy": {s.pk: s for s in strategies},
            "indicator": {i.pk: i for i in indicators},
        }
        none = [("", "—")]
        self.fields["presenter"].choices = none + [(m.user_id, person_label(m)) for m in people]
        self.fields["goal"].choices = none + _texts(goals, "title")
        self.fields["strategy"].choices = none + _texts(strategies, "title")
        self.fields["indicator"].choices = none + [
            (i.pk, f"{i.code} · {isolate(i.text('name'))}") for i in indicators
        ]

    @classmethod
    def initial_of(cls, item) -> dict:
        return {
            "title": item.title,
            "presenter": item.presenter_id,
            "minutes_allotted": item.minutes_allotted,
            "goal": item.goal_id,
            "strategy": item.strategy_id,
            "indicator": item.indicator_id,
        }

    def changes(self) -> dict:
        data = self.cleaned_data
        changes = {"title": data["title"], "minutes_allotted": data["minutes_allotted"]}
        for name, objects in self.objects.items():
            changes[name] = objects.get(data[name]) if data[name] else None
        return changes


class PeopleForm(forms.Form):
    """People of the initiative to invite, or who came (attendance)."""

    people = _people(_("People"))
    group_members = forms.BooleanField(
        label=_("Invite the working group's members"), required=False
    )
    partners = forms.BooleanField(label=_("Invite every partner representative"), required=False)

    def __init__(self, *args, people, shortcuts: bool, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.users = {m.user_id: m.user for m in people}
        self.fields["people"].choices = [(m.user_id, person_label(m)) for m in people]
        if label:
            self.fields["people"].label = label
        if not shortcuts:
            del self.fields["group_members"]
            del self.fields["partners"]

    def chosen(self, *, group_members=(), partners=()) -> list:
        ids = list(self.cleaned_data["people"])
        if self.cleaned_data.get("group_members"):
            ids += list(group_members)
        if self.cleaned_data.get("partners"):
            ids += list(partners)
        return [self.users[pk] for pk in dict.fromkeys(ids) if pk in self.users]


class AnswerForm(CleanTextMixin, forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[(a.value, a.label) for a in Answer if a != Answer.PENDING],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class MeetingFilterForm(forms.Form):
    working_group = _choice(_("Working group"), CHOOSE_GROUP)
    kind = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["working_group"].choices = [("", _("Every group")), *_texts(groups, "name")]
        self.fields["kind"].choices = [("", _("Every kind")), *MeetingKind.choices]

    @property
    def is_filtering(self) -> bool:
        return bool(self.cleaned_data.get("working_group") or self.cleaned_data.get("kind"))
