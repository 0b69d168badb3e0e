"""The demo activities: for both demo initiatives and the sphere, who does what under each
strategy of the adopted agenda (agenda/demo.py), each aiming at indicators of the initiative
(measurement/demo.py). Each of the three shows the matrix's two warnings: a gap (a strategy
with no active activity, or with no lead) and an overlap (two leads for one strategy,
population and geography), as a backbone finds them after its first mapping exercise.

Written through activities.services.activities_create, one batch per author (a partner
enters its own organization's activities, the backbone the others'); loaded once per
initiative, after the agenda and the measurement demos.
"""

from datetime import date

from django.db import transaction

from agenda.models import Strategy
from initiatives.models import Initiative, Organization, User
from measurement.models import Indicator

from . import services
from .models import Activity, ActivityRole, ActivityStatus

LEAD, PARTNER, SUPPORTER, FUNDER = (
    ActivityRole.LEAD,
    ActivityRole.PARTNER,
    ActivityRole.SUPPORTER,
    ActivityRole.FUNDER,
)
PLANNED, ACTIVE, COMPLETED, STOPPED = (
    ActivityStatus.PLANNED,
    ActivityStatus.ACTIVE,
    ActivityStatus.COMPLETED,
    ActivityStatus.STOPPED,
)


def _activity(
    organization,
    title,
    role,
    status,
    population,
    geography,
    starts,
    ends=None,
    *,
    indicators=(),
    description="",
    he="",
    ar="",
) -> dict:
    """One activity of the demo: the organization's key, then what a partner would enter;
    `he` and `ar` are the title's versions in Hebrew and Arabic."""
    versions = {lang: text for lang, text in (("he", he), ("ar", ar)) if text}
    return {
        "organization": organization,
        "title": title,
        "role": role,
        "status": status,
        "population": population,
        "geography": geography,
        "starts_on": starts,
        "ends_on": ends,
        "indicators": indicators,
        "description": description,
        "translations": {"title": versions} if versions else {},
    }


A = _activity
GRADE_10 = "Grade 10 students"
WOMEN = "Arab women aged 18 to 45"
YOUNG_ADULTS = "Young adults aged 20 to 30"

ACTIVITIES = {
    "5x2-stem-excellence": {
        "author": "backbone@example.org",
        "authors": {"masar": "partner@example.org"},  # the demo partner enters its own
        "strategies": {
            # An overlap: two leads for grade-10 students in the Negev.
            "Open 5-unit classes in the periphery": [
                A(
                    "science_center",
                    "Regional 5-unit math classes in the Negev",
                    LEAD,
                    ACTIVE,
                    GRADE_10,
                    "Negev",
                    date(2024, 9, 1),
                    date(2027, 6, 30),
                    indicators=("MATH5", "PASS", "GRAD"),
                    he="כיתות אזוריות למתמטיקה ברמת 5 יחידות בנגב",
                    description="Classes shared by neighbouring schools, taught in the"
                    " afternoon by the center's teachers.",
                ),
                A(
                    "masar",
                    "5-unit math track in the high schools of Rahat and Hura",
                    LEAD,
                    ACTIVE,
                    GRADE_10,
                    "Negev",
                    date(2025, 9, 1),
                    date(2027, 6, 30),
                    indicators=("MATH5",),
                    he="מגמת מתמטיקה ברמת 5 יחידות בתיכונים של רהט וחורה",
                    ar="مسار الرياضيات بمستوى 5 وحدات في المدارس الثانوية في رهط وحورة",
                ),
                A(
                    "science_center",
                    "Mobile science lab for periphery schools",
                    SUPPORTER,
                    ACTIVE,
                    "High schools in the periphery",
                    "Galilee and Negev",
                    date(2025, 1, 1),
                    indicators=("LABS",),
                    he="מעבדת מדעים ניידת לבתי ספר בפריפריה",
                ),
                A(
                    "education_ministry",
                    "Extra teaching hours for new 5-unit classes",
                    FUNDER,
                    ACTIVE,
                    "High schools in the periphery",
                    "National",
                    date(2024, 9, 1),
                    indicators=("MATH5",),
                    he="שעות הוראה נוספות לכיתות חדשות ברמת 5 יחידות",
                ),
                A(
                    "or_fund",
                    "Grants to periphery schools that open a 5-unit track",
                    FUNDER,
                    ACTIVE,
                    "High schools in the periphery",
                    "Galilee and Negev",
                    date(2025, 1, 1),
                    date(2027, 12, 31),
                    indicators=("MATH5", "LABS"),
                    he="מענקים לבתי ספר בפריפריה שפותחים מגמת 5 יחידות",
                ),
            ],
            "Tutoring for students at risk of dropping": [
                A(
                    "gesher",
                    "Evening tutoring for 5-unit math students",
                    LEAD,
                    ACTIVE,
                    "Grade 11 and 12 students in 5-unit math",
                    "Galilee",
                    date(2024, 10, 1),
                    indicators=("MATH5", "PASS"),
                    he="תגבור ערב לתלמידי מתמטיקה ברמת 5 יחידות",
                ),
                A(
                    "technion",
                    "Technion students as tutors",
                    PARTNER,
                    ACTIVE,
                    "Grade 11 and 12 students in 5-unit math",
                    "Haifa and the Galilee",
                    date(2024, 10, 1),
                    indicators=("PASS",),
                    he="סטודנטים מהטכניון כחונכים",
                ),
                A(
                    "masar",
                    "Online tutoring in Arabic before the matriculation exams",
                    SUPPORTER,
                    PLANNED,
                    "Grade 12 students in 5-unit math",
                    "Triangle and Negev",
                    date(2027, 2, 1),
                    date(2027, 6, 30),
                    indicators=("PASS",),
                    he="תגבור מקוון בערבית לקראת בחינות הבגרות",
                    ar="دروس تقوية عبر الإنترنت باللغة العربية قبل امتحانات البجروت",
                ),
            ],
            "Train and mentor new math teachers": [
                A(
                    "technion",
                    "Mentoring programme for first-year math teachers",
                    LEAD,
                    ACTIVE,
                    "New math teachers",
                    "National",
                    date(2024, 9, 1),
                    indicators=("TEACH",),
                    he="תוכנית חניכה למורים למתמטיקה בשנתם הראשונה",
                ),
                A(
                    "science_center",
                    "Summer institute for physics teachers 2025",
                    PARTNER,
                    COMPLETED,
                    "Physics teachers",
                    "National",
                    date(2025, 7, 1),
                    date(2025, 8, 31),
                    indicators=("TEACH", "LABS"),
                    he="מכון קיץ למורים לפיזיקה 2025",
                ),
                A(
                    "techbridge",
                    "Engineers from industry mentor technology teachers",
                    SUPPORTER,
                    ACTIVE,
                    "Technology teachers",
                    "Center and Haifa",
                    date(2025, 2, 1),
                    indicators=("TEACH",),
                ),
                A(
                    "masar",
                    "Training math teachers of Arab schools to teach 5 units",
                    PARTNER,
                    ACTIVE,
                    "Math teachers in Arab schools",
                    "Negev",
                    date(2025, 9, 1),
                    indicators=("TEACH",),
                    ar="تأهيل معلّمي الرياضيات في المدارس العربية لتدريس 5 وحدات",
                ),
            ],
            # A gap: active work, but no one leads it.
            "Keep excellent teachers in the classroom": [
                A(
                    "education_ministry",
                    "Excellence bonus for teachers of 5-unit classes",
                    PARTNER,
                    ACTIVE,
                    "Teachers of 5-unit classes",
                    "National",
                    date(2025, 9, 1),
                    indicators=("TEACH",),
                    he="מענק מצוינות למורי כיתות 5 יחידות",
                ),
                A(
                    "or_fund",
                    "Retention grants for young science teachers",
                    FUNDER,
                    STOPPED,
                    "Science teachers in their first five years",
                    "National",
                    date(2024, 1, 1),
                    date(2025, 6, 30),
                    indicators=("TEACH",),
                    description="Stopped after the pilot year: the ministry's bonus took its"
                    " place.",
                ),
            ],
            # A gap: a lead, but nothing active yet.
            "Parents' evenings on 5-unit study": [
                A(
                    "parents",
                    "Parents' evenings on 5-unit study in 20 schools",
                    LEAD,
                    PLANNED,
                    "Parents of grade 9 students",
                    "National",
                    date(2027, 1, 1),
                    date(2027, 5, 31),
                    indicators=("MATH5",),
                    he="ערבי הורים על לימודי 5 יחידות ב-20 בתי ספר",
                ),
                A(
                    "masar",
                    "Parents' evenings in Arabic",
                    PARTNER,
                    PLANNED,
                    "Parents of grade 9 students",
                    "Negev",
                    date(2027, 1, 1),
                    he="ערבי הורים בערבית",
                    ar="أمسيات للأهالي باللغة العربية",
                ),
            ],
        },
    },
    "arab-sector-employment": {
        "author": "admin@example.org",
        "authors": {"ofek": "other-partner@example.org"},
        "strategies": {
            # An overlap: two leads for the same women in the Galilee.
            "Job-readiness courses close to home": [
                A(
                    "amal",
                    "Job-readiness courses for women in Galilee villages",
                    LEAD,
                    ACTIVE,
                    WOMEN,
                    "Galilee",
                    date(2024, 3, 1),
                    indicators=("JOBS", "KEEP"),
                    he="קורסי הכנה לעבודה לנשים בכפרי הגליל",
                    ar="دورات الجاهزية للعمل للنساء في قرى الجليل",
                ),
                A(
                    "employment_service",
                    "Readiness workshops at the employment centres",
                    LEAD,
                    ACTIVE,
                    WOMEN,
                    "Galilee",
                    date(2025, 1, 1),
                    indicators=("JOBS",),
                    he="סדנאות הכנה לעבודה בלשכות התעסוקה",
                ),
                A(
                    "labour_ministry",
                    "Childcare subsidies during the courses",
                    FUNDER,
                    ACTIVE,
                    "Mothers taking part in the courses",
                    "Galilee, Triangle and Negev",
                    date(2024, 3, 1),
                    indicators=("KEEP",),
                    he="סבסוד מעונות יום בזמן הקורסים",
                ),
                A(
                    "rahat_parents",
                    "Door-to-door outreach to women in Rahat",
                    SUPPORTER,
                    ACTIVE,
                    WOMEN,
                    "Negev",
                    date(2025, 10, 1),
                    indicators=("JOBS",),
                ),
            ],
            "Partnerships with regional employers": [
                A(
                    "galil_tech",
                    "Hiring pipeline for women developers in Nazareth",
                    LEAD,
                    ACTIVE,
                    "Arab women graduates in computing",
                    "Nazareth",
                    date(2024, 6, 1),
                    indicators=("JOBS", "KEEP"),
                    he="מסלול גיוס למפתחות בנצרת",
                ),
                A(
                    "ofek",
                    "Production-floor jobs with flexible shifts",
                    PARTNER,
                    ACTIVE,
                    WOMEN,
                    "Triangle",
                    date(2025, 3, 1),
                    indicators=("JOBS",),
                    he="משרות בקו הייצור במשמרות גמישות",
                ),
                A(
                    "negev_data",
                    "Data-entry and testing jobs in Rahat",
                    PARTNER,
                    PLANNED,
                    WOMEN,
                    "Negev",
                    date(2027, 3, 1),
                    indicators=("JOBS",),
                ),
                A(
                    "ghad",
                    "Wage subsidies for the first six months",
                    FUNDER,
                    ACTIVE,
                    "Women placed by the partners",
                    "Galilee, Triangle and Negev",
                    date(2024, 6, 1),
                    date(2027, 12, 31),
                    indicators=("KEEP",),
                    ar="دعم الأجور في الأشهر الستة الأولى",
                ),
            ],
            # A gap: nothing active and no lead.
            "Career guidance after school": [
                A(
                    "arab_college",
                    "Career guidance days at the Arab Academic College",
                    PARTNER,
                    PLANNED,
                    "School leavers aged 18 to 24",
                    "Haifa",
                    date(2027, 2, 1),
                    he="ימי הכוונה לקריירה במכללה האקדמית הערבית",
                ),
                A(
                    "amal",
                    "Career fair pilot",
                    SUPPORTER,
                    COMPLETED,
                    "School leavers aged 18 to 24",
                    "Galilee",
                    date(2025, 3, 1),
                    date(2025, 3, 31),
                ),
            ],
        },
    },
    "hamerhav": {
        "author": "admin@example.org",
        "authors": {"yahad": "ceo@example.org"},
        "strategies": {
            # An overlap: two leadership programmes for the same young adults.
            "A shared leadership programme": [
                A(
                    "leadership_forum",
                    "Leadership programme for young adults",
                    LEAD,
                    ACTIVE,
                    YOUNG_ADULTS,
                    "National",
                    date(2023, 9, 1),
                    he="תוכנית מנהיגות לצעירים ולצעירות",
                ),
                A(
                    "achva",
                    "Young leaders' circle",
                    LEAD,
                    ACTIVE,
                    YOUNG_ADULTS,
                    "National",
                    date(2024, 1, 1),
                    he="מעגל מנהיגים צעירים",
                ),
                A(
                    "yahad",
                    "Community mentors for the programme's participants",
                    PARTNER,
                    ACTIVE,
                    YOUNG_ADULTS,
                    "National",
                    date(2024, 1, 1),
                    he="מנטורים מהקהילה למשתתפי התוכנית",
                ),
                A(
                    "mentoring",
                    "One-to-one mentoring in the first year",
                    SUPPORTER,
                    ACTIVE,
                    YOUNG_ADULTS,
                    "Center",
                    date(2024, 9, 1),
                ),
            ],
            # A gap: planned, and no one leads it.
            "A joint policy paper each year": [
                A(
                    "yahad",
                    "Drafting the 2027 policy paper",
                    PARTNER,
                    PLANNED,
                    "Decision-makers and the public",
                    "National",
                    date(2027, 1, 1),
                    date(2027, 9, 30),
                    he="כתיבת נייר המדיניות של 2027",
                ),
            ],
        },
    },
}


@transaction.atomic
def load(*, initiatives: dict[str, Initiative], organizations: dict[str, Organization]) -> None:
    for slug, spec in ACTIVITIES.items():
        initiative = initiatives.get(slug)
        if initiative is None or Activity.objects.filter(initiative=initiative).exists():
            continue
        _activities(initiative, spec, organizations)


def _activities(initiative, spec, organizations) -> None:
    strategies = {
        strategy.title: strategy
        for strategy in Strategy.objects.filter(goal__initiative=initiative, retired=False)
    }
    indicators = {i.code: i for i in Indicator.objects.filter(initiative=initiative)}
    batches: dict[str, list[services.ActivityDraft]] = {}
    for title, activities in spec["strategies"].items():
        for fields in activities:
            fields = dict(fields)
            key = fields.pop("organization")
            codes = fields.pop("indicators")
            author = spec["authors"].get(key, spec["author"])
            batches.setdefault(author, []).append(
                services.ActivityDraft(
                    organization=organizations[key],
                    strategy=strategies[title],
                    indicators=[indicators[code] for code in codes],
                    language="en",
                    **fields,
                )
            )
    for email, drafts in batches.items():
        services.activities_create(
            user=User.objects.get(email=email), initiative=initiative, drafts=drafts
        )
