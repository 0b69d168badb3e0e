"""The demo's recorded relationships, so that the stakeholder maps of "5x2-stem-excellence"
and "arab-sector-employment" show who funds, partners with, serves and advises whom.
Idempotent: a relationship already there is left as it is. Written as rows (the organizations
all take part; the checks of the service are the tests' to make)."""

from .models import Initiative, Organization, Relationship, RelationshipKind

K = RelationshipKind

# initiative slug → (from, kind, to, note)
RELATIONSHIPS = {
    "5x2-stem-excellence": [
        ("or_fund", K.FUNDS, "science_center", "Three-year grant for teacher training in physics."),
        ("or_fund", K.FUNDS, "masar", "Scholarships for math clubs in Arab high schools."),
        (
            "education_ministry",
            K.PARTNERS_WITH,
            "science_center",
            "Joint national curriculum pilot.",
        ),
        ("technion", K.ADVISES, "education_ministry", "Research on five-unit math enrolment."),
        ("technion", K.SERVES, "gesher", "Mentoring by engineering students."),
        ("masar", K.SERVES, "parents", "Evening workshops for parents."),
        ("techbridge", K.PARTNERS_WITH, "gesher", "Volunteers and laboratory equipment."),
        ("techbridge", K.FUNDS, "masar", "Matching grant for robotics teams."),
    ],
    "arab-sector-employment": [
        ("ghad", K.FUNDS, "amal", "Job-readiness courses for women in the Triangle."),
        ("ghad", K.FUNDS, "employment_forum", "Core support for the backbone."),
        ("labour_ministry", K.PARTNERS_WITH, "employment_service", "Shared placement targets."),
        ("arab_college", K.ADVISES, "labour_ministry", "Labour-market survey of graduates."),
        ("galil_tech", K.PARTNERS_WITH, "amal", "Paid internships for course graduates."),
        ("employment_service", K.SERVES, "rahat_parents", "A jobs fair in Rahat."),
        ("negev_data", K.SERVES, "employment_forum", "The dashboard's data pipeline."),
    ],
}


def load(*, initiatives: dict[str, Initiative], organizations: dict[str, Organization]) -> None:
    for slug, rows in RELATIONSHIPS.items():
        initiative = initiatives.get(slug)
        if initiative is None:
            continue
        for source, kind, target, note in rows:
            if source not in organizations or target not in organizations:
                continue
            Relationship.objects.get_or_create(
                initiative=initiative,
                source=organizations[source],
                target=organizations[target],
                kind=kind,
                defaults={"note": note},
            )
