"""Demo data of sphere membership (hamerhav): the CEO named on each member's participation, one
former member that left with its reason, and one pending request to join from a community
organization of the directory, asked by a demo CEO who cannot sign in. Safe to run twice.

History is written as rows (a past join and leave need their own dates); the services would
date them today. The integrated model is shown by a second sphere, 5X2's nonprofits, seated in
5X2's steering committee by masar's CEO."""

from datetime import date

from communication.models import Delivery, EmailPreference, MessageKind
from initiatives.models import (
    Initiative,
    Membership,
    Organization,
    Participation,
    ParticipationRole,
    Role,
    User,
)

from .models import JoinRequest, JoinRequestStatus, ParentSeat, SphereMember
from .services.seats import seat_in_parent

SPHERE = "hamerhav"
# The CEO of each member organization (organization key: name; yahad's is ceo@example.org).
CEOS = {
    "leadership_forum": "אברהם נגוסה",
    "yahad": "יוסף טספאיי",
    "achva": "שרה טדסה",
    "mentoring": "Miriam Berhanu",
}
CEO_ACCOUNTS = {"yahad": "ceo@example.org", "achva": "sara.tadesse@example.org"}
FORMER = ("gesher", "רונית אלמו", date(2019, 3, 1), date(2024, 6, 30))
FORMER_REASON = "The organization now focuses on early childhood, outside the sphere's issue."
PENDING = ("beersheba", "ceo.beersheba@example.org", "Tigist Worku")
PENDING_STATEMENT = (
    "The council runs youth and parent programs in Beersheba's Ethiopian-Israeli "
    "neighbourhoods, and wants to work with the sphere's members on a shared approach."
)


def demo_person(email: str, name: str) -> User:
    """A demo person who cannot sign in (and gets no mail)."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, full_name=name)
        user.set_unusable_password()
        user.save()
        EmailPreference.objects.bulk_create(
            EmailPreference(user=user, kind=kind, delivery=Delivery.NONE)
            for kind in MessageKind.values
        )
    return user


def _ceos(sphere: Initiative, organizations: dict[str, Organization]) -> None:
    accounts = {
        key: User.objects.filter(email=email).first() for key, email in CEO_ACCOUNTS.items()
    }
    for key, name in CEOS.items():
        if key not in organizations:
            continue
        participation = Participation.objects.filter(
            initiative=sphere, organization=organizations[key], left_on__isnull=True
        ).first()
        if participation is not None:
            SphereMember.objects.get_or_create(
                participation=participation, defaults={"ceo_name": name, "ceo": accounts.get(key)}
            )


def _former(sphere: Initiative, organizations: dict[str, Organization]) -> None:
    key, name, joined_on, left_on = FORMER
    if key not in organizations:
        return
    participation, _made = Participation.objects.get_or_create(
        initiative=sphere,
        organization=organizations[key],
        joined_on=joined_on,
        defaults={"role": ParticipationRole.PARTNER, "left_on": left_on},
    )
    SphereMember.objects.get_or_create(
        participation=participation, defaults={"ceo_name": name, "left_reason": FORMER_REASON}
    )


def _pending(sphere: Initiative, organizations: dict[str, Organization]) -> None:
    key, email, name = PENDING
    organization = organizations.get(key)
    if organization is None:
        return
    if Participation.objects.active().filter(initiative=sphere, organization=organization):
        return
    JoinRequest.objects.get_or_create(
        sphere=sphere,
        organization=organization,
        status=JoinRequestStatus.PENDING,
        defaults={
            "requested_by": demo_person(email, name),
            "ceo_name": name,
            "statement": PENDING_STATEMENT,
        },
    )


def load(*, initiatives: dict[str, Initiative], organizations: dict[str, Organization]) -> None:
    sphere = initiatives.get(SPHERE)
    if sphere is None:
        return
    _ceos(sphere, organizations)
    _former(sphere, organizations)
    _pending(sphere, organizations)
    _integrated(initiatives, organizations)


INTEGRATED = "5x2-nonprofits"
# The CEO of each member of 5X2's nonprofits' sphere; masar's is seated in 5X2.
INTEGRATED_CEOS = {
    "science_center": ("ceo.science@example.org", 'ד"ר עדי שמואלי'),
    "masar": ("ceo.masar@example.org", "رنا عثمان"),
    "parents": ("ceo.parents@example.org", "Eli Ben-David"),
}
SEATED = "masar"


def _integrated(initiatives: dict[str, Initiative], organizations: dict[str, Organization]) -> None:
    sphere = initiatives.get(INTEGRATED)
    staff = User.objects.filter(email="backbone@example.org").first()
    if sphere is None or sphere.parent_id is None or staff is None:
        return
    for key, (email, name) in INTEGRATED_CEOS.items():
        participation = Participation.objects.filter(
            initiative=sphere, organization=organizations.get(key), left_on__isnull=True
        ).first()
        if participation is None:
            continue
        person = demo_person(email, name)
        SphereMember.objects.get_or_create(
            participation=participation, defaults={"ceo_name": name, "ceo": person}
        )
        Membership.objects.get_or_create(
            user=person,
            initiative=sphere,
            defaults={"role": Role.PARTNER, "organization": participation.organization},
        )
    if not ParentSeat.objects.filter(sphere=sphere).exists() and SEATED in organizations:
        seat_in_parent(
            sphere=sphere,
            organization=organizations[SEATED],
            representative=User.objects.get(email=INTEGRATED_CEOS[SEATED][0]),
            by=staff,
        )
