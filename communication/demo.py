"""The demo of communication, loaded once per initiative after every other demo.

5X2: a working group convened by the demo partner, two past meetings (a steering committee and
the group's) with their agenda, invitations, answers, attendance, approved minutes (one
corrected after approval), decisions (one revisited) and action items (open, done, overdue;
some owed by the demo partner), an upcoming meeting with answers coming in, a cancelled one,
the backbone's news (one with a PDF) and a few people's email preferences. The sphere
(hamerhav): its facilitator's sessions, one past and one upcoming, and one piece of news.

Everything goes through the services, as the people did it. Three kinds of rows are written
with the ORM, each where a service checks the clock, which a demo must not fake: the answers
to past invitations (answers close when a meeting starts), and the dates of what happened in
the past (when minutes circulated and were approved, when news was posted, when each event of
the feed occurred) which the services set to "now".
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from agenda.models import AgendaVersion, Goal, Strategy
from initiatives.models import Initiative, Membership, Organization, Role, User
from measurement.models import Indicator

from .audience import audience_pairs
from .models import (
    ActionItem,
    ActionItemStatus,
    Answer,
    Attendance,
    Decision,
    DecisionStatus,
    Delivery,
    Event,
    EventDelivery,
    EventKind,
    Meeting,
    MeetingInvitation,
    MeetingKind,
    MessageKind,
    Minutes,
    MinutesCorrection,
    Update,
    Weekday,
)
from .services import action_items, decisions, groups, mail, meetings, minutes, updates

TIME_ZONE = "Asia/Jerusalem"
ZONE = ZoneInfo(TIME_ZONE)

# People of the partners who take part in the meetings (no demo login: they cannot sign in).
# (email, full name, initiative slug, organization key)
PEOPLE = [
    ("yael.mizrahi@example.org", "יעל מזרחי", "5x2-stem-excellence", "science_center"),
    ("avi.peretz@example.org", "אבי פרץ", "5x2-stem-excellence", "gesher"),
    ("sara.tadesse@example.org", "שרה טדסה", "hamerhav", "achva"),
]


def _when(days: int, hour: int, minute: int = 0) -> datetime:
    """`days` from today (negative: ago) at that hour in Israel."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), tzinfo=ZONE)


def _last_event() -> int:
    return Event.objects.aggregate(last=Max("pk"))["last"] or 0


# What happened longer ago than this was emailed then: the demo does not send it again.
EMAILED_THEN = timedelta(days=7)


@dataclass
class _Then:
    """Dates what a service did at `at`: the events it recorded took place then, and if that
    is more than EMAILED_THEN ago, their immediate messages went out then (each reader's
    EventDelivery is written, so the delivery queued at the commit skips them)."""

    at: datetime
    since: int = 0

    def __enter__(self):
        self.since = _last_event()
        return self

    def __exit__(self, *exc):
        if exc[0] is not None:
            return False
        events = list(Event.objects.filter(pk__gt=self.since))
        Event.objects.filter(pk__gt=self.since).update(occurred_at=self.at)
        if self.at < timezone.now() - EMAILED_THEN:
            actors = {event.pk: event.actor_id for event in events}
            EventDelivery.objects.bulk_create(
                (
                    EventDelivery(event_id=event_id, user_id=user_id)
                    for user_id, event_id in audience_pairs(events, mail=True)
                    if user_id != actors[event_id]
                ),
                ignore_conflicts=True,
            )
            EventDelivery.objects.filter(event__in=list(actors)).update(sent_at=self.at)
        return False


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF of a few lines of (ASCII) text, with a correct cross-reference table."""
    text = "\n".join(
        f"BT /F1 12 Tf 56 {760 - 20 * i} Td ({line}) Tj ET" for i, line in enumerate(lines)
    ).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


@transaction.atomic
def load(*, initiatives: dict[str, Initiative], organizations: dict[str, Organization]) -> None:
    people = _people(initiatives, organizations)
    stem = initiatives.get("5x2-stem-excellence")
    if stem is not None and not Meeting.objects.filter(initiative=stem).exists():
        _agenda_dated(stem)
        _stem(stem, people)
    sphere = initiatives.get("hamerhav")
    if sphere is not None and not Meeting.objects.filter(initiative=sphere).exists():
        _agenda_dated(sphere)
        _sphere(sphere, people)


def _agenda_dated(initiative: Initiative) -> None:
    """The agenda demo dates its first version's adoption in the past; its line of the feed
    (recorded through the services, "now") takes the same date."""
    for number, adopted_at in AgendaVersion.objects.filter(
        initiative=initiative, adopted_at__isnull=False
    ).values_list("number", "adopted_at"):
        Event.objects.filter(
            initiative=initiative, kind=EventKind.AGENDA_ADOPTED, params__name=str(number)
        ).update(occurred_at=adopted_at)


def _people(initiatives, organizations) -> dict[str, User]:
    for email, full_name, slug, key in PEOPLE:
        if slug not in initiatives:
            continue
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, full_name=full_name)
            user.set_unusable_password()
            user.save()
        Membership.objects.get_or_create(
            user=user,
            initiative=initiatives[slug],
            defaults={"role": Role.PARTNER, "organization": organizations[key]},
        )
    return {user.email: user for user in User.objects.filter(email__endswith="@example.org")}


# --- the past meetings ----------------------------------------------------------------------


def _past_meeting(
    *, runner, initiative, days, invitees, answers, came, items, group=None, **fields
) -> Meeting:
    """A meeting `days` ago, as it went: scheduled three weeks before, its agenda, the
    invitations and their answers, then the attendance taken at the meeting."""
    starts = _when(days, 17)
    with _Then(starts - timedelta(days=21)):
        meeting = meetings.meeting_schedule(
            user=runner,
            initiative=initiative,
            working_group=group,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            time_zone=TIME_ZONE,
            **fields,
        )
        for item in items:
            meetings.agenda_item_add(user=runner, meeting=meeting, **item)
        meetings.invitations_add(user=runner, meeting=meeting, people=invitees)
    Meeting.objects.filter(pk=meeting.pk).update(created_at=starts - timedelta(days=21))
    # The answers were given before the meeting; the service now refuses them (it started).
    for user, answer in zip(invitees, answers, strict=True):
        MeetingInvitation.objects.filter(meeting=meeting, user=user).update(
            answer=answer, answered_at=starts - timedelta(days=7)
        )
    MeetingInvitation.objects.filter(meeting=meeting).update(invited_at=starts - timedelta(days=21))
    meetings.attendance_record(user=runner, meeting=meeting, people=came)
    Attendance.objects.filter(meeting=meeting).update(recorded_at=starts + timedelta(minutes=10))
    return meeting


def _minutes_approved(*, runner, meeting, body, comment_by, comment, correction=None) -> Minutes:
    """Drafted the next day, circulated, a correction asked for, approved a week later; and a
    recorded correction after the approval when `correction` is (body, reason)."""
    starts = meeting.starts_at
    record = minutes.minutes_save(user=runner, meeting=meeting, body=body, language="en")
    with _Then(starts + timedelta(days=1)):
        record = minutes.minutes_circulate(user=runner, minutes=record)
    note = minutes.minutes_comment_add(user=comment_by, minutes=record, text=comment)
    minutes.minutes_comment_resolve(user=runner, comment=note)
    with _Then(starts + timedelta(days=8)):
        record = minutes.minutes_approve(user=runner, minutes=record)
    Minutes.objects.filter(pk=record.pk).update(
        circulated_at=starts + timedelta(days=1), approved_at=starts + timedelta(days=8)
    )
    if correction is not None:
        new_body, reason = correction
        fixed = minutes.minutes_correct(user=runner, minutes=record, body=new_body, reason=reason)
        MinutesCorrection.objects.filter(pk=fixed.pk).update(made_at=starts + timedelta(days=12))
    return record


def _decide(*, runner, meeting, statement, review_days=None, **fields) -> Decision:
    decided_on = timezone.localtime(meeting.starts_at, ZONE).date()
    with _Then(meeting.starts_at + timedelta(hours=2)):
        return decisions.decision_record(
            user=runner,
            initiative=meeting.initiative,
            meeting=meeting,
            statement=statement,
            decided_on=decided_on,
            review_on=decided_on + timedelta(days=review_days) if review_days else None,
            language="en",
            **fields,
        )


def _assign(*, runner, meeting, title, owner, due_days, decision=None, **fields) -> ActionItem:
    with _Then(meeting.starts_at + timedelta(hours=2)):
        return action_items.action_item_assign(
            user=runner,
            initiative=meeting.initiative,
            meeting=meeting,
            decision=decision,
            title=title,
            owner=owner,
            due_on=timezone.localdate() + timedelta(days=due_days),
            language="en",
            **fields,
        )


# --- 5X2 ------------------------------------------------------------------------------------


def _stem(initiative: Initiative, people: dict[str, User]) -> None:
    backbone = people["backbone@example.org"]
    partner = people["partner@example.org"]
    yael = people["yael.mizrahi@example.org"]
    avi = people["avi.peretz@example.org"]
    viewer = people["viewer@example.org"]
    _preferences(backbone, partner, viewer)
    goal = Goal.objects.get(
        initiative=initiative, title="Double the number of students in 5-unit math and science"
    )
    periphery = Strategy.objects.get(
        goal=goal, title="Open 5-unit classes in the periphery", retired=False
    )
    tutoring = Strategy.objects.get(
        goal=goal, title="Tutoring for students at risk of dropping", retired=False
    )
    math5 = Indicator.objects.filter(initiative=initiative, code="MATH5").first()

    group = groups.group_create(
        user=backbone,
        initiative=initiative,
        name="5-unit math in the periphery",
        purpose="Partners who open and support 5-unit math classes in the Negev and the"
        " Galilee plan the next school year together.",
        strategy=periphery,
        goal=goal,
        convener=partner,
        members=[partner, yael, avi],
        language="en",
        translations={
            "name": {
                "he": "מתמטיקה 5 יחידות בפריפריה",
                "ar": "الرياضيات بمستوى 5 وحدات في الأطراف",
            }
        },
    )

    steering = _past_meeting(
        runner=backbone,
        initiative=initiative,
        days=-42,
        kind=MeetingKind.STEERING_COMMITTEE,
        title="Steering committee: the year's plan",
        description="The steering committee reviews last year's figures and sets the plan.",
        place="Sheatufim, 12 Ha'Arba'a St, Tel Aviv",
        language="en",
        translations={
            "title": {"he": "ועדת היגוי: תוכנית השנה", "ar": "اللجنة التوجيهية: خطة السنة"}
        },
        invitees=[partner, yael, avi, viewer],
        answers=[Answer.ATTENDING, Answer.ATTENDING, Answer.MAYBE, Answer.NOT_ATTENDING],
        came=[backbone, partner, yael],
        items=[
            {"title": "Last year's figures", "presenter": backbone, "minutes_allotted": 30,
             "indicator": math5},
            {"title": "Opening classes in the periphery", "presenter": partner,
             "minutes_allotted": 45, "strategy": periphery},
            {"title": "Tutoring: what the schools ask for", "presenter": yael,
             "minutes_allotted": 30, "strategy": tutoring},
        ],
    )  # fmt: skip
    _minutes_approved(
        runner=backbone,
        meeting=steering,
        body="Present: the backbone, Masar, the Center for Excellence in Science.\n\n"
        "1. The figures: 5-unit math rose in the center, not yet in the periphery.\n"
        "2. Masar opens two new classes in Rahat and Hura in September.\n"
        "3. Tutoring: the schools ask for evening sessions in Arabic.",
        comment_by=partner,
        comment="Item 2: the classes open in Rahat and Hura, not in Rahat only.",
        correction=(
            "Present: the backbone, Masar, the Center for Excellence in Science.\n\n"
            "1. The figures: 5-unit math rose in the center, not yet in the periphery.\n"
            "2. Masar opens two new classes in Rahat and Hura in September.\n"
            "3. Tutoring: the schools ask for evening sessions in Arabic and in Hebrew.",
            "Item 3: the schools asked for sessions in both languages.",
        ),
    )
    classes = _decide(
        runner=backbone,
        meeting=steering,
        statement="Open two new 5-unit math classes in Rahat and Hura in September.",
        goal=goal,
        strategy=periphery,
        review_days=180,
        translations={
            "statement": {
                "he": "לפתוח שתי כיתות חדשות למתמטיקה 5 יחידות ברהט ובחורה בספטמבר.",
                "ar": "فتح صفّين جديدين للرياضيات بمستوى 5 وحدات في رهط وحورة في أيلول.",
            }
        },
    )
    evening = _decide(
        runner=backbone,
        meeting=steering,
        statement="Tutoring sessions are held in the evening, in Arabic only.",
        strategy=tutoring,
    )
    _assign(
        runner=backbone,
        meeting=steering,
        decision=classes,
        title="Send the list of teachers for the new classes",
        owner=partner,
        due_days=-5,  # overdue: on the backbone's dashboard
        translations={"title": {"ar": "إرسال قائمة المعلّمين للصفوف الجديدة"}},
    )
    lab = _assign(
        runner=backbone,
        meeting=steering,
        title="Book the mobile lab for the autumn term",
        owner=yael,
        due_days=-20,
    )
    action_items.action_item_move(
        user=yael, item=lab, status=ActionItemStatus.DONE, note="Booked for October."
    )
    _assign(
        runner=backbone,
        meeting=steering,
        title="Share last year's figures with the schools",
        owner=backbone,
        due_days=-2,
    )

    workshop = _past_meeting(
        runner=partner,
        initiative=initiative,
        group=group,
        days=-14,
        kind=MeetingKind.WORKING_GROUP,
        title="Working group: timetables of the new classes",
        place="Masar Association, Rahat",
        online_url="https://meet.example.org/5x2-periphery",
        language="en",
        translations={
            "title": {
                "he": "קבוצת עבודה: מערכת השעות של הכיתות החדשות",
                "ar": "مجموعة العمل: جداول الصفوف الجديدة",
            }
        },
        invitees=[yael, avi],
        answers=[Answer.ATTENDING, Answer.ATTENDING],
        came=[partner, yael, avi],
        items=[
            {"title": "Timetables with the schools", "presenter": partner, "minutes_allotted": 40,
             "strategy": periphery},
            {"title": "Evening tutoring: which language", "presenter": avi,
             "minutes_allotted": 20, "strategy": tutoring},
        ],
    )  # fmt: skip
    _minutes_approved(
        runner=partner,
        meeting=workshop,
        body="1. The new classes meet on Sundays and Wednesdays after school.\n"
        "2. Evening tutoring: the parents ask for Hebrew sessions as well; the group proposes"
        " to revisit the steering committee's decision.",
        comment_by=avi,
        comment="Please add that Gesher can run the Hebrew sessions.",
    )
    with _Then(workshop.starts_at + timedelta(hours=2)):
        decisions.decision_status_set(
            user=backbone,
            decision=evening,
            status=DecisionStatus.REVISITED,
            note="The working group asks for sessions in Hebrew as well.",
        )
    _decide(
        runner=partner,
        meeting=workshop,
        statement="Evening tutoring is offered in Arabic and in Hebrew; Gesher runs the Hebrew"
        " sessions.",
        strategy=tutoring,
        review_days=90,
    )
    _assign(
        runner=partner,
        meeting=workshop,
        title="Agree the timetables with the head teachers",
        owner=partner,
        due_days=10,
        translations={"title": {"ar": "الاتفاق على الجداول مع مديري المدارس"}},
    )
    _assign(
        runner=partner,
        meeting=workshop,
        title="Recruit tutors for the Hebrew sessions",
        owner=avi,
        due_days=-3,
    )

    _upcoming(initiative, backbone, partner, yael, avi, viewer, math5)
    _news(initiative, backbone)


def _preferences(backbone, partner, viewer) -> None:
    mail.email_preferences_save(
        user=partner,
        deliveries={
            MessageKind.NEWS: Delivery.DAILY,
            MessageKind.DECISIONS: Delivery.DAILY,
            MessageKind.MILESTONES: Delivery.DAILY,
            MessageKind.MINUTES: Delivery.DAILY,
        },
        weekly_day=Weekday.SUNDAY,
        language="ar",
    )
    mail.email_preferences_save(
        user=backbone,
        deliveries={MessageKind.MILESTONES: Delivery.NONE},
        weekly_day=Weekday.THURSDAY,
        language="he",
    )
    mail.email_preferences_save(
        user=viewer,
        deliveries={MessageKind.MEETINGS: Delivery.WEEKLY, MessageKind.MINUTES: Delivery.WEEKLY},
        weekly_day=Weekday.SUNDAY,
        language="en",
    )


def _upcoming(initiative, backbone, partner, yael, avi, viewer, math5) -> None:
    starts = _when(10, 16, 30)
    with _Then(timezone.now() - timedelta(days=4)):
        meeting = meetings.meeting_schedule(
            user=backbone,
            initiative=initiative,
            kind=MeetingKind.STEERING_COMMITTEE,
            title="Steering committee: mid-year review",
            description="Where the new classes stand, and the budget for the spring term.",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            time_zone=TIME_ZONE,
            place="Center for Excellence in Science, Be'er Sheva",
            online_url="https://meet.example.org/5x2-steering",
            language="en",
            translations={
                "title": {
                    "he": "ועדת היגוי: סקירת אמצע השנה",
                    "ar": "اللجنة التوجيهية: مراجعة منتصف السنة",
                }
            },
        )
        for title, presenter, length, concerns in (
            ("The new classes: first figures", partner, 30, {"indicator": math5}),
            ("Budget for the spring term", backbone, 45, {}),
        ):
            meetings.agenda_item_add(
                user=backbone,
                meeting=meeting,
                title=title,
                presenter=presenter,
                minutes_allotted=length,
                **concerns,
            )
        meetings.invitations_add(
            user=backbone, meeting=meeting, people=[partner, yael, avi, viewer]
        )
    meetings.invitation_answer(
        user=partner, invitation=meeting.invitations.get(user=partner), answer=Answer.ATTENDING
    )
    meetings.invitation_answer(
        user=yael,
        invitation=meeting.invitations.get(user=yael),
        answer=Answer.MAYBE,
        note="I may join online.",
    )

    assembly_starts = _when(17, 10)
    with _Then(timezone.now() - timedelta(days=6)):
        assembly = meetings.meeting_schedule(
            user=backbone,
            initiative=initiative,
            kind=MeetingKind.PARTNERS_ASSEMBLY,
            title="Partners' assembly",
            starts_at=assembly_starts,
            ends_at=assembly_starts + timedelta(hours=3),
            time_zone=TIME_ZONE,
            place="Tel Aviv",
            language="en",
            translations={"title": {"he": "כנס השותפים", "ar": "جمعية الشركاء"}},
        )
        meetings.invitations_add(
            user=backbone, meeting=assembly, people=[partner, yael, avi, viewer]
        )
    with _Then(timezone.now() - timedelta(days=2)):
        meetings.meeting_cancel(user=backbone, meeting=assembly)


def _news(initiative, backbone) -> None:
    posts = [
        (
            -30,
            {
                "title": "Last year's figures are in",
                "body": "The partners' figures for last school year are approved. The attached"
                " summary shows where 5-unit math grew, and where it did not.",
                "translations": {"title": {"he": "הנתונים של השנה שעברה הגיעו"}},
                "files": [
                    SimpleUploadedFile(
                        "figures-summary.pdf",
                        _pdf(
                            [
                                "5X2 - Excellence in Math, Physics, Chemistry and Technology",
                                "Summary of last school year's figures",
                                "5-unit math: up in the center, flat in the periphery.",
                            ]
                        ),
                        content_type="application/pdf",
                    )
                ],
            },
        ),
        (
            -9,
            {
                "title": "Two new 5-unit classes open in Rahat and Hura",
                "body": "Following the steering committee's decision, Masar opens two new"
                " classes in September. Thank you to the schools and the teachers.",
                "translations": {
                    "title": {
                        "he": "שתי כיתות חדשות של 5 יחידות נפתחות ברהט ובחורה",
                        "ar": "افتتاح صفّين جديدين بمستوى 5 وحدات في رهط وحورة",
                    }
                },
            },
        ),
    ]
    for days, fields in posts:
        at = timezone.now() + timedelta(days=days)
        with _Then(at):
            update = updates.update_post(
                user=backbone, initiative=initiative, language="en", **fields
            )
        Update.objects.filter(pk=update.pk).update(published_at=at)


# --- the sphere -----------------------------------------------------------------------------


def _sphere(initiative: Initiative, people: dict[str, User]) -> None:
    facilitator = people["facilitator@example.org"]
    ceo = people["ceo@example.org"]
    sara = people["sara.tadesse@example.org"]
    leaders = Strategy.objects.filter(
        goal__initiative=initiative, title="A shared leadership programme", retired=False
    ).first()
    session = _past_meeting(
        runner=facilitator,
        initiative=initiative,
        days=-21,
        kind=MeetingKind.SPHERE_SESSION,
        title="מפגש המרחב: תוכנית מנהיגות אחת",
        place="Jerusalem",
        language="he",
        translations={"title": {"en": "Sphere session: one leadership programme"}},
        invitees=[ceo, sara],
        answers=[Answer.ATTENDING, Answer.ATTENDING],
        came=[facilitator, ceo, sara],
        items=[
            {"title": "Two leadership programmes for the same young adults",
             "presenter": sara, "minutes_allotted": 60, "strategy": leaders},
        ],
    )  # fmt: skip
    _minutes_approved(
        runner=facilitator,
        meeting=session,
        body="The Forum and Achva compare their programmes and propose one shared intake.",
        comment_by=ceo,
        comment="Yahad's mentors should be named in the proposal.",
    )
    decision = _decide(
        runner=facilitator,
        meeting=session,
        statement="The Forum and Achva prepare one shared intake for next year's programme.",
        strategy=leaders,
        review_days=120,
    )
    _assign(
        runner=facilitator,
        meeting=session,
        decision=decision,
        title="Draft the shared intake criteria",
        owner=sara,
        due_days=-4,
    )
    _assign(
        runner=facilitator,
        meeting=session,
        title="List the mentors Yahad can offer",
        owner=ceo,
        due_days=14,
    )
    starts = _when(12, 18)
    with _Then(timezone.now() - timedelta(days=3)):
        upcoming = meetings.meeting_schedule(
            user=facilitator,
            initiative=initiative,
            kind=MeetingKind.SPHERE_SESSION,
            title="Sphere session: a joint policy paper",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            time_zone=TIME_ZONE,
            online_url="https://meet.example.org/hamerhav",
            language="en",
        )
        meetings.invitations_add(user=facilitator, meeting=upcoming, people=[ceo, sara])
    meetings.invitation_answer(
        user=ceo, invitation=upcoming.invitations.get(user=ceo), answer=Answer.ATTENDING
    )
    at = timezone.now() - timedelta(days=5)
    with _Then(at):
        update = updates.update_post(
            user=facilitator,
            initiative=initiative,
            title="The sphere's next session",
            body="In two weeks we start on the joint policy paper. Please bring your"
            " organizations' priorities.",
            language="en",
        )
    Update.objects.filter(pk=update.pk).update(published_at=at)
