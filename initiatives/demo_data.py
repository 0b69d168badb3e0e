"""The demo's organizations, initiatives and logins (used by `manage.py seed_demo`)."""

from datetime import date

from .models import InitiativeKind, Phase, Role, Sector
from .models import ParticipationRole as P

S = Sector

# (key, name, sector, registration number base: 8 digits, the check digit is computed)
ORGANIZATIONS = [
    ("education_ministry", "משרד החינוך", S.GOVERNMENT, ""),
    ("labour_ministry", "وزارة العمل والرفاه", S.GOVERNMENT, ""),
    ("employment_service", "National Employment Service", S.GOVERNMENT, ""),
    ("techbridge", "TechBridge Israel Ltd", S.BUSINESS, "51456789"),
    ("ofek", 'אופק תעשיות בע"מ', S.BUSINESS, "51234567"),
    ("galil_tech", "شركة الجليل للتكنولوجيا", S.BUSINESS, "51987654"),
    ("negev_data", "Negev Data Systems", S.BUSINESS, ""),
    ("sheatufim", "שיתופים", S.NONPROFIT, "58040012"),
    ("science_center", "מרכז מצוינות במדעים", S.NONPROFIT, "58011223"),
    ("masar", "جمعية مسار للتعليم", S.NONPROFIT, "58033445"),
    ("employment_forum", "Arab Employment Forum", S.NONPROFIT, "58055667"),
    ("gesher", "עמותת גשר לעתיד", S.NONPROFIT, "58077889"),
    ("amal", "جمعية الأمل للتشغيل", S.NONPROFIT, "58099001"),
    ("leadership_forum", "Ethiopian-Israeli Leadership Forum", S.NONPROFIT, "58012121"),
    ("yahad", "עמותת יחד לקהילה האתיופית", S.NONPROFIT, "58034343"),
    ("achva", "אחווה – צעירים יוצאי אתיופיה", S.NONPROFIT, "58056565"),
    ("mentoring", "Olim Youth Mentoring", S.NONPROFIT, "58078787"),
    ("or_fund", "קרן אור למדע", S.PHILANTHROPY, "58090909"),
    ("ghad", "مؤسسة الغد للتنمية", S.PHILANTHROPY, ""),
    ("bridges", "Bridges Family Foundation", S.PHILANTHROPY, ""),
    ("technion", "הטכניון – מכון טכנולוגי לישראל", S.ACADEMIA, ""),
    ("arab_college", "الكلية الأكاديمية العربية", S.ACADEMIA, ""),
    ("learning_lab", "Open University Learning Lab", S.ACADEMIA, ""),
    ("parents", "ועד ההורים הארצי", S.COMMUNITY, ""),
    ("rahat_parents", "لجنة أولياء الأمور في رهط", S.COMMUNITY, ""),
    ("beersheba", "Beersheba Community Council", S.COMMUNITY, ""),
]

INITIATIVES = [
    {
        "slug": "5x2-stem-excellence",
        "name": "5X2 – Excellence in Math, Physics, Chemistry and Technology",
        "kind": InitiativeKind.COLLECTIVE_IMPACT,
        "social_issue": "Broaden the circle of excellence in math and science in high schools",
        "language": "en",
        "translations": {
            "name": {
                "he": "5X2 – מצוינות במתמטיקה, פיזיקה, כימיה וטכנולוגיה",
                "ar": "5X2 – التميّز في الرياضيات والفيزياء والكيمياء والتكنولوجيا",
            },
            "social_issue": {
                "he": "להרחיב את מעגל המצוינות במתמטיקה ובמדעים בתיכונים",
                "ar": "توسيع دائرة التميّز في الرياضيات والعلوم في المدارس الثانوية",
            },
        },
        "geography": "National",
        "phase": Phase.SUSTAIN,
        "backbone": "sheatufim",
        "started_on": date(2013, 9, 1),
        "participants": [
            ("sheatufim", P.BACKBONE),
            ("education_ministry", P.GOVERNMENT),
            ("science_center", P.PARTNER),
            ("masar", P.PARTNER),
            ("gesher", P.PARTNER),
            ("techbridge", P.PARTNER),
            ("or_fund", P.FUNDER),
            ("technion", P.DATA),
            ("parents", P.STEERING),
        ],
    },
    {
        "slug": "arab-sector-employment",
        "name": "التشغيل في المجتمع العربي – Employment in the Arab sector",
        "kind": InitiativeKind.COLLECTIVE_IMPACT,
        "social_issue": "Raise the employment of Arab women and young adults in quality jobs",
        "language": "en",
        "translations": {
            "name": {
                "he": "תעסוקה בחברה הערבית",
                "ar": "التشغيل في المجتمع العربي",
            },
            "social_issue": {
                "he": "להעלות את התעסוקה של נשים ערביות וצעירים במשרות איכותיות",
                "ar": "رفع نسبة تشغيل النساء العربيات والشباب في وظائف نوعية",
            },
        },
        "geography": "Galilee, Triangle and Negev",
        "phase": Phase.ORGANIZE_FOR_IMPACT,
        "backbone": "employment_forum",
        "started_on": date(2015, 1, 1),
        "participants": [
            ("employment_forum", P.BACKBONE),
            ("labour_ministry", P.GOVERNMENT),
            ("employment_service", P.GOVERNMENT),
            ("amal", P.PARTNER),
            ("galil_tech", P.PARTNER),
            ("ofek", P.PARTNER),
            ("negev_data", P.PARTNER),
            ("ghad", P.FUNDER),
            ("arab_college", P.DATA),
            ("rahat_parents", P.STEERING),
        ],
    },
    {
        "slug": "5x2-negev",
        "name": "5X2 – Negev chapter",
        "kind": InitiativeKind.COLLECTIVE_IMPACT,
        "social_issue": "Excellence in math and science in the high schools of the Negev",
        "language": "en",
        "translations": {
            "name": {"he": "5X2 – פרק הנגב", "ar": "5X2 – فرع النقب"},
            "social_issue": {
                "he": "מצוינות במתמטיקה ובמדעים בתיכוני הנגב",
                "ar": "التميّز في الرياضيات والعلوم في المدارس الثانوية في النقب",
            },
        },
        "geography": "Negev",
        "phase": Phase.ORGANIZE_FOR_IMPACT,
        "backbone": "sheatufim",
        "parent": "5x2-stem-excellence",  # a regional chapter: its figures add to the nation's
        "started_on": date(2024, 1, 1),
        "participants": [
            ("sheatufim", P.BACKBONE),
            ("beersheba", P.PARTNER),
            ("masar", P.PARTNER),  # reports in the nation too: counted once there
            ("learning_lab", P.DATA),
        ],
    },
    {
        "slug": "5x2-nonprofits",
        "name": "5X2 nonprofits' sphere",
        "kind": InitiativeKind.SPHERE,
        "social_issue": "The nonprofits of 5X2 acting together for excellence in math and science",
        "language": "en",
        "translations": {
            "name": {"he": "מרחב העמותות של 5X2", "ar": "فضاء الجمعيات في 5X2"},
            "social_issue": {
                "he": "העמותות של 5X2 פועלות יחד למצוינות במתמטיקה ובמדעים",
                "ar": "جمعيات 5X2 تعمل معًا من أجل التميّز في الرياضيات والعلوم",
            },
        },
        "geography": "National",
        "phase": Phase.INITIATE_ACTION,
        "backbone": None,
        "parent": "5x2-stem-excellence",  # the integrated model: seated in 5X2's steering committee
        "started_on": date(2025, 9, 1),
        "participants": [
            ("science_center", P.PARTNER),
            ("masar", P.PARTNER),
            ("parents", P.PARTNER),
        ],
    },
    {
        "slug": "hamerhav",
        "name": "המרחב – Leading Change, Championing a Vision",
        "kind": InitiativeKind.SPHERE,
        "social_issue": (
            "CEOs of nonprofits serving the Ethiopian-Israeli community, acting together"
        ),
        "geography": "National",
        "phase": Phase.INITIATE_ACTION,
        "backbone": None,
        "started_on": date(2019, 3, 1),
        "participants": [
            ("leadership_forum", P.PARTNER),
            ("yahad", P.PARTNER),
            ("achva", P.PARTNER),
            ("mentoring", P.PARTNER),
        ],
    },
]

# (email, full name, [(initiative slug, role, organization key or None)], superuser)
USERS = [
    ("admin@example.org", "Platform Admin", [], True),
    (
        "backbone@example.org",
        "נועה לוי",
        [
            ("5x2-stem-excellence", Role.BACKBONE_STAFF, None),
            ("5x2-negev", Role.BACKBONE_STAFF, None),
        ],
        False,
    ),
    (
        "partner@example.org",
        "سلمى خوري",
        [("5x2-stem-excellence", Role.PARTNER, "masar")],
        False,
    ),
    (
        "other-partner@example.org",
        "Daniel Cohen",
        [("arab-sector-employment", Role.PARTNER, "ofek")],
        False,
    ),
    (
        "facilitator@example.org",
        "מיכל אברהם",
        [
            ("arab-sector-employment", Role.FACILITATOR, None),
            ("hamerhav", Role.FACILITATOR, None),
            ("5x2-nonprofits", Role.FACILITATOR, None),
        ],
        False,
    ),
    ("viewer@example.org", "Ruth Green", [("5x2-stem-excellence", Role.VIEWER, None)], False),
    ("ceo@example.org", "יוסף טספאיי", [("hamerhav", Role.PARTNER, "yahad")], False),
]

# The names of some organizations in the other two languages (the originals stay as written).
ORGANIZATION_NAMES = {
    "education_ministry": {"en": "Ministry of Education", "ar": "وزارة التربية والتعليم"},
    "labour_ministry": {"en": "Ministry of Labour and Welfare", "he": "משרד העבודה והרווחה"},
    "employment_service": {"he": "שירות התעסוקה הארצי", "ar": "خدمة التشغيل الوطنية"},
    "sheatufim": {"en": "Sheatufim", "ar": "شيتوفيم"},
    "science_center": {"en": "Center for Excellence in Science", "ar": "مركز التميّز في العلوم"},
    "masar": {"en": "Masar Association for Education", "he": "עמותת מסאר לחינוך"},
    "employment_forum": {"he": "פורום התעסוקה הערבי", "ar": "منتدى التشغيل العربي"},
    "gesher": {"en": "Gesher to the Future", "ar": "جمعية جسر إلى المستقبل"},
    "amal": {"en": "Al-Amal Employment Association", "he": "עמותת אל-אמל לתעסוקה"},
    "or_fund": {"en": "Or Foundation for Science", "ar": "صندوق أور للعلوم"},
    "technion": {
        "en": "Technion – Israel Institute of Technology",
        "ar": "التخنيون – معهد إسرائيل للتكنولوجيا",
    },
    "arab_college": {"en": "The Arab Academic College", "he": "המכללה האקדמית הערבית"},
}
