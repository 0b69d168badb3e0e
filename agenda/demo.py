"""The demo agendas: for each demo initiative and the sphere, version 1 (superseded) and
version 2 (adopted), each after a comment round, and endorsements of both, one declined with
a reason. Loaded once per initiative, before the measurement demo, whose indicators name
these goals. Organizations that have no demo login endorse through rows written here."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from initiatives.models import Initiative, Organization, User

from . import services
from .models import AgendaVersion, Decision, Endorsement

AGENDAS = {
    "5x2-stem-excellence": {
        "manager": "backbone@example.org",
        "commenter": "partner@example.org",
        "sections": {
            "vision": "Every student in Israel who can excel in math and science has the chance",
            "problem": "Too few high-school students, and fewer in the periphery, study 5-unit"
            " math, physics and chemistry",
            "scope_population": "High-school students in grades 10 to 12 and their teachers",
            "scope_geography": "National, with a focus on the periphery",
            "scope_out": "Primary schools; higher education",
        },
        "revised": {
            "vision": "Every student in Israel who can excel in math, science and technology"
            " has the chance, wherever they live",
            "principles": "Decisions by consensus; data shared openly among the partners",
        },
        "goals": [
            (
                "Double the number of students in 5-unit math and science",
                [
                    "Open 5-unit classes in the periphery",
                    "Tutoring for students at risk of dropping",
                ],
            ),
            (
                "Strengthen the teaching force",
                ["Train and mentor new math teachers", "Keep excellent teachers in the classroom"],
            ),
        ],
        "added_goal": ("Involve parents and communities", ["Parents' evenings on 5-unit study"]),
        "endorse_v1": ["science_center", "masar", "gesher", "techbridge"],
        "endorse_v2": ["science_center", "masar", "gesher", "education_ministry", "or_fund"],
        "decline_v2": ("techbridge", "The technology track needs its own goal and measures."),
    },
    "arab-sector-employment": {
        "manager": "admin@example.org",
        "commenter": "other-partner@example.org",
        "sections": {
            "vision": "Arab women and young adults work in quality jobs near their homes",
            "problem": "Employment of Arab women is far below the national rate",
            "scope_population": "Arab women aged 18 to 45 and young adults after school",
            "scope_geography": "Galilee, Triangle and Negev",
            "scope_out": "Employers' tax policy",
        },
        "revised": {"principles": "Nothing about the community without the community"},
        "goals": [
            (
                "Raise the employment of Arab women in quality jobs",
                ["Job-readiness courses close to home", "Partnerships with regional employers"],
            ),
        ],
        "added_goal": ("Young adults start a career", ["Career guidance after school"]),
        "endorse_v1": ["amal", "galil_tech", "ofek"],
        "endorse_v2": ["amal", "ofek", "negev_data", "labour_ministry"],
        "decline_v2": ("galil_tech", "Public transport to the jobs is missing from the plan."),
    },
    "hamerhav": {
        "manager": "admin@example.org",
        "commenter": "ceo@example.org",
        "sections": {
            "vision": "Israelis of Ethiopian origin lead in every field of society",
            "problem": "Our organizations work apart and compete for the same funds",
            "scope_population": "The community and the nonprofits that serve it",
            "scope_geography": "National",
        },
        "revised": {"principles": "Each organization keeps its autonomy; we act together"},
        "goals": [
            ("Raise a generation of leaders", ["A shared leadership programme"]),
        ],
        "added_goal": ("Speak with one voice", ["A joint policy paper each year"]),
        "endorse_v1": ["leadership_forum", "yahad"],
        "endorse_v2": ["leadership_forum", "yahad", "mentoring"],
        "decline_v2": ("achva", "We need more time to bring it to our board."),
    },
}


@transaction.atomic
def load(*, initiatives: dict[str, Initiative], organizations: dict[str, Organization]) -> None:
    for slug, spec in AGENDAS.items():
        initiative = initiatives.get(slug)
        if initiative is None or AgendaVersion.objects.filter(initiative=initiative).exists():
            continue
        _agenda(initiative, spec, organizations)


def _agenda(initiative, spec, organizations) -> None:
    manager = User.objects.get(email=spec["manager"])
    commenter = User.objects.get(email=spec["commenter"])
    first = services.version_draft_start(user=manager, initiative=initiative)
    services.version_sections_save(user=manager, version=first, **spec["sections"])
    goals = []
    for title, strategies in spec["goals"]:
        goal = services.goal_save(user=manager, initiative=initiative, title=title)
        goals.append(goal)
        for strategy in strategies:
            services.strategy_save(user=manager, goal=goal, title=strategy)
    first = _comment_round(manager, commenter, first, goals[0])
    first = services.version_adopt(user=manager, version=first)
    _endorse(first, spec["endorse_v1"], organizations)
    AgendaVersion.objects.filter(pk=first.pk).update(
        adopted_at=timezone.now() - timedelta(days=400)
    )

    second = services.version_draft_start(user=manager, initiative=initiative)
    services.version_sections_save(user=manager, version=second, **spec["revised"])
    title, strategies = spec["added_goal"]
    added = services.goal_save(user=manager, initiative=initiative, title=title)
    for strategy in strategies:
        services.strategy_save(user=manager, goal=added, title=strategy)
    second = _comment_round(manager, commenter, second, added)
    second = services.version_adopt(user=manager, version=second)
    _endorse(second, spec["endorse_v2"], organizations)
    key, reason = spec["decline_v2"]
    Endorsement.objects.create(
        version=second, organization=organizations[key], decision=Decision.DECLINED, reason=reason
    )


def _comment_round(manager, commenter, version, goal) -> AgendaVersion:
    version = services.version_open_for_comment(user=manager, version=version)
    services.comment_add(
        user=commenter, version=version, section="vision", text="We agree with the vision."
    )
    services.comment_add(
        user=manager,
        version=version,
        section=f"goal:{goal.pk}",
        text="Which indicators will tell us that we are there?",
    )
    return version


def _endorse(version, keys, organizations) -> None:
    Endorsement.objects.bulk_create(
        Endorsement(version=version, organization=organizations[key], decision=Decision.ENDORSED)
        for key in keys
    )
