"""The learning community's demo: the cohort "Hamigrash 2026", hosted by the Hamerhav sphere
(its learning sessions are meetings there, two of them scheduled here), with six leaders'
profiles in Hebrew, Arabic and English, and twenty resources across the conditions, phases,
languages and kinds (links to well-known public pages, two small CSV worksheets). Safe to run
again: nothing doubles. Not wired into seed_demo here (the lead does that)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from communication.models import Meeting
from communication.models.meetings import MeetingKind
from communication.services.meetings import meeting_schedule
from initiatives.models import Initiative, Membership, Organization, Role, User
from spheres.demo import demo_person

from .models import Cohort, CohortMember, LeaderProfile, Resource
from .services import cohorts as cohort_services
from .services import profiles as profile_services
from .services import resources as resource_services

COHORT = "Hamigrash 2026"
HOST = "hamerhav"
FACILITATOR = "facilitator@example.org"

# (email, full name, a leader's membership for a demo user without password (or None for a
# demo login that has one), profile fields)
LEADERS = [
    (
        "facilitator@example.org",
        None,
        None,
        {
            "organization": "sheatufim",
            "role_title": "מנחת ספירות",
            "expertise": "הנחיית ספירות השפעה, בניית אמון בין מנכ״לים",
            "languages": ["he", "en"],
            "bio": "מלווה ספירות השפעה ויוזמות אימפקט קולקטיבי מאז 2015.",
        },
    ),
    (
        "backbone@example.org",
        None,
        None,
        {
            "organization": "sheatufim",
            "role_title": "מנהלת ארגון השדרה של 5X2",
            "expertise": "מדידה משותפת, עבודה עם משרדי ממשלה",
            "languages": ["he", "en"],
            "bio": "מובילה את צוות השדרה של 5X2 ואת הדוח השנתי לשותפים.",
        },
    ),
    (
        "ceo@example.org",
        None,
        None,
        {
            "organization": "yahad",
            "role_title": "מנכ״ל",
            "expertise": "קהילה, מנהיגות צעירה",
            "languages": ["he"],
            "bio": "מנכ״ל עמותת יחד, חבר בספירת המרחב.",
        },
    ),
    (
        "amira.haddad@example.org",
        "أميرة حداد",
        ("arab-sector-employment", Role.BACKBONE_STAFF, None),
        {
            "organization": "employment_forum",
            "role_title": "مديرة المبادرة",
            "expertise": "التشغيل في المجتمع العربي، الشراكات مع المشغّلين",
            "languages": ["ar", "he"],
            "bio": "تقود الطاقم الأساسي لمبادرة التشغيل في المجتمع العربي.",
        },
    ),
    (
        "tigist.worku@example.org",
        "Tigist Worku",
        (HOST, Role.PARTNER, "achva"),
        {
            "organization": "achva",
            "role_title": "CEO",
            "expertise": "Youth leadership, mentoring programmes",
            "languages": ["en", "he"],
            "bio": "Leads Achva and represents it in the Hamerhav sphere.",
        },
    ),
    (
        "david.mizrahi@example.org",
        "David Mizrahi",
        ("5x2-negev", Role.BACKBONE_STAFF, None),
        {
            "organization": "negev_data",
            "role_title": "Data lead",
            "expertise": "Dashboards, data sharing agreements",
            "languages": ["en"],
            "bio": "Builds the Negev chapter's shared measurement.",
        },
    ),
]

SSIR = "https://ssir.org/articles/entry/"
# (title, kind, condition, phase or None, language, url or CSV text, description, translations)
RESOURCES = [
    (
        "Collective Impact",
        "link",
        "general",
        0,
        "en",
        SSIR + "collective_impact",
        "Kania and Kramer's 2011 article that named the five conditions of collective impact.",
        {"title": {"he": "אימפקט קולקטיבי", "ar": "الأثر الجماعي"}},
    ),
    (
        "Channeling Change: Making Collective Impact Work",
        "link",
        "general",
        1,
        "en",
        SSIR + "channeling_change_making_collective_impact_work",
        "The follow-up: the three phases of an initiative and how the conditions grow.",
        {},
    ),
    (
        "Understanding the Value of Backbone Organizations in Collective Impact",
        "link",
        "backbone",
        2,
        "en",
        SSIR + "understanding_the_value_of_backbone_organizations_in_collective_impact_1",
        "The six functions of a backbone organization.",
        {},
    ),
    (
        "The Dawn of System Leadership",
        "link",
        "communication",
        None,
        "en",
        SSIR + "the_dawn_of_system_leadership",
        "Senge, Hamilton and Kania on the leaders who help a system see itself.",
        {},
    ),
    (
        "Collective Impact Forum",
        "link",
        "general",
        None,
        "en",
        "https://collectiveimpactforum.org/",
        "A community of practice with tools, webinars and case studies.",
        {},
    ),
    (
        "Collective Impact 3.0",
        "link",
        "common_agenda",
        1,
        "en",
        "https://www.tamarackcommunity.ca/library/collective-impact-3.0-an-evolving-framework-for-community-change",
        "Tamarack Institute: from a management to a movement-building paradigm.",
        {},
    ),
    (
        "Collective impact (Wikipedia)",
        "link",
        "general",
        0,
        "en",
        "https://en.wikipedia.org/wiki/Collective_impact",
        "An overview of the model, its history and its critics.",
        {},
    ),
    (
        "Results-Based Accountability",
        "tool",
        "shared_measurement",
        2,
        "en",
        "https://clearimpact.com/results-based-accountability/",
        "Population results and performance measures: how much, how well, is anyone better off.",
        {},
    ),
    (
        "DHIS2",
        "tool",
        "shared_measurement",
        3,
        "en",
        "https://dhis2.org/",
        "An open-source platform for shared indicators, periods and data entry.",
        {},
    ),
    (
        "Kumu: mapping relationships",
        "tool",
        "activities",
        1,
        "en",
        "https://kumu.io/",
        "Draw stakeholder and system maps together.",
        {},
    ),
    (
        "שיתופים – קידום פילנתרופיה ואימפקט קולקטיבי",
        "link",
        "backbone",
        None,
        "he",
        "https://www.sheatufim.org.il/",
        "הארגון המנחה: ספירות השפעה, קהילת לומדים ומחקר על יישום המודל.",
        {"title": {"en": "Sheatufim"}},
    ),
    (
        "הלשכה המרכזית לסטטיסטיקה – נתונים לקביעת קו בסיס",
        "tool",
        "shared_measurement",
        0,
        "he",
        "https://www.cbs.gov.il/",
        "נתוני אוכלוסייה, חינוך ותעסוקה לקביעת קו בסיס למדדים משותפים.",
        {"title": {"en": "Central Bureau of Statistics: baseline data"}},
    ),
    (
        "ג׳וינט ישראל – תוכניות ושותפויות",
        "link",
        "activities",
        2,
        "he",
        "https://www.thejoint.org.il/",
        "שותפויות בין ממשלה, פילנתרופיה וחברה אזרחית בתחומי רווחה ותעסוקה.",
        {},
    ),
    (
        "משרד החינוך – מידע ונתונים",
        "link",
        "shared_measurement",
        2,
        "he",
        "https://edu.gov.il/",
        "נתוני בתי ספר, בגרויות ויחידות לימוד, לשימוש במדדי התוצאה.",
        {},
    ),
    (
        "גיליון מדדים לשותפים",
        "document",
        "shared_measurement",
        1,
        "he",
        "קוד,מדד,יחידה,תדירות\nM1,תלמידים ב-5 יחידות מתמטיקה,תלמידים,שנתי\n"
        "M2,מורים שהוכשרו,מורים,רבעוני\n",
        "תבנית CSV לרישום המדדים של כל שותף לפני הכנסתם למערכת.",
        {"title": {"en": "Partners' indicator worksheet"}},
    ),
    (
        "مبادرات إبراهيم",
        "link",
        "common_agenda",
        1,
        "ar",
        "https://abrahaminitiatives.org/",
        "شراكات بين المجتمعين العربي واليهودي في التعليم والتشغيل والمجتمع.",
        {"title": {"en": "The Abraham Initiatives", "he": "יוזמות קרן אברהם"}},
    ),
    (
        "دليل الأجندة المشتركة",
        "document",
        "common_agenda",
        0,
        "ar",
        "المرحلة,السؤال,المسؤول\n0,ما هي المشكلة التي نعرّفها معاً؟,الطاقم الأساسي\n"
        "1,ما هي الأهداف المشتركة؟,اللجنة التوجيهية\n",
        "ورقة عمل CSV لصياغة الأجندة المشتركة مع الشركاء.",
        {"title": {"en": "A common agenda worksheet"}},
    ),
    (
        "Meeting minutes that people read",
        "link",
        "communication",
        3,
        "en",
        "https://www.atlassian.com/team-playbook/plays/meeting-notes",
        "A short play for minutes with decisions and action items.",
        {"title": {"ar": "محاضر اجتماعات يقرأها الناس"}},
    ),
    (
        "Funding the backbone: FSG",
        "link",
        "backbone",
        3,
        "en",
        "https://www.fsg.org/",
        "FSG's publications on sustaining backbone functions and funders' roles.",
        {},
    ),
    (
        "Logic models",
        "tool",
        "activities",
        1,
        "en",
        "https://www.betterevaluation.org/methods-approaches/methods/logic-model",
        "BetterEvaluation: drawing how activities lead to results.",
        {},
    ),
]


def _leader(email, name, membership, initiatives, organizations) -> User | None:
    user = User.objects.filter(email=email).first()
    if user is None and membership is None:
        return None  # a demo login not loaded
    if user is None:
        user = demo_person(email, name)
    if membership is not None:
        slug, role, org_key = membership
        initiative = initiatives.get(slug)
        if initiative is not None and not Membership.objects.filter(user=user).exists():
            Membership.objects.create(
                user=user, initiative=initiative, role=role, organization=organizations.get(org_key)
            )
    return user


def _profile(user, fields, organizations) -> LeaderProfile | None:
    found = LeaderProfile.objects.filter(user=user).first()
    if found is not None:
        return found
    fields = {**fields, "organization": organizations.get(fields["organization"])}
    try:
        return profile_services.profile_opt_in(user=user, **fields)
    except PermissionDenied:  # a login that no longer leads anything is left out
        return None


def _cohort(facilitator, host) -> Cohort:
    found = Cohort.objects.filter(name=COHORT).first()
    if found is not None:
        return found
    return cohort_services.cohort_create(
        by=facilitator,
        name=COHORT,
        description="The learning community of collective impact and sphere leaders: six "
        "sessions a year, a peer consultation between them.",
        starts_on=datetime.date(2026, 1, 15),
        ends_on=datetime.date(2026, 12, 15),
        host=host,
        translations={
            "name": {"he": "המדרש 2026", "ar": "همدراش 2026"},
            "description": {
                "he": "קהילת הלומדים של מובילי אימפקט קולקטיבי וספירות השפעה.",
                "ar": "مجتمع التعلّم لقادة الأثر الجماعي ودوائر التأثير.",
            },
        },
        language="en",
    )


def _sessions(facilitator, host) -> None:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for title, days, place, link in [
        ("Hamigrash: the backbone's six functions", -20, "Sheatufim, Tel Aviv", ""),
        ("Hamigrash: shared measurement clinic", 14, "", "https://meet.example.org/hamigrash"),
        ("Hamigrash: peer consultation", 45, "Haifa", "https://meet.example.org/peer"),
    ]:
        if Meeting.objects.filter(initiative=host, title=title).exists():
            continue
        starts = now + datetime.timedelta(days=days)
        meeting_schedule(
            user=facilitator,
            initiative=host,
            kind=MeetingKind.SPHERE_SESSION,
            title=title,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=3),
            place=place,
            online_url=link,
            language="en",
        )


def _resources(facilitator) -> None:
    for title, kind, condition, phase, language, target, description, versions in RESOURCES:
        if Resource.objects.filter(title=title).exists():
            continue
        fields = {
            "title": title,
            "kind": kind,
            "condition": condition,
            "phase": phase,
            "language": language,
            "description": description,
            "translations": versions,
        }
        if kind == "document":
            fields["file"] = ContentFile(target.encode("utf-8"), name=f"{condition}-worksheet.csv")
        else:
            fields["url"] = target
        resource_services.resource_create(by=facilitator, **fields)


@transaction.atomic
def load(*, initiatives: dict[str, Initiative], organizations: dict[str, Organization]) -> None:
    facilitator = User.objects.filter(email=FACILITATOR).first()
    if facilitator is None:
        return
    cohort = _cohort(facilitator, initiatives.get(HOST))
    for email, name, membership, fields in LEADERS:
        user = _leader(email, name, membership, initiatives, organizations)
        profile = user and _profile(user, fields, organizations)
        if (
            profile is not None
            and not CohortMember.objects.filter(cohort=cohort, profile=profile).exists()
        ):
            cohort_services.cohort_member_add(cohort=cohort, profile=profile, by=facilitator)
    if cohort.host is not None:
        _sessions(facilitator, cohort.host)
    _resources(facilitator)
