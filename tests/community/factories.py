"""Builders of the community's data for tests: profiles, cohorts, resources, and the
`Community` of personas the matrices speak of."""

import datetime
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from community.models import Cohort, CohortMember, LeaderProfile, Resource
from initiatives.models import Role, User
from tests.initiatives.factories import SphereFactory
from tests.personas import World, member


def profile(user: User, **fields) -> LeaderProfile:
    fields.setdefault("contact_email", user.email)
    fields.setdefault("contact_phone", "050-1234567")
    return LeaderProfile.objects.create(user=user, **fields)


def cohort(name="Hamigrash 2026", *, host=None, members=(), **fields) -> Cohort:
    fields.setdefault("starts_on", datetime.date(2026, 1, 1))
    fields.setdefault("ends_on", datetime.date(2026, 12, 31))
    made = Cohort.objects.create(name=name, host=host, language="en", **fields)
    for leader in members:
        CohortMember.objects.create(cohort=made, profile=leader)
    return made


def resource(title="A guide", *, kind="link", **fields) -> Resource:
    fields.setdefault("language", "en")
    if kind == "document":
        fields.setdefault("file", SimpleUploadedFile("guide.pdf", b"%PDF-1.4 test"))
        fields.setdefault("file_name", "guide.pdf")
    else:
        fields.setdefault("url", "https://example.org/guide")
    return Resource.objects.create(title=title, kind=kind, **fields)


def pdf(name="doc.pdf", size=100) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 " + b"x" * size, content_type="application/pdf")


@dataclass
class Community:
    """World's personas in the community: `backbone` and `ceo` (a partner representative in
    a sphere) are in `cohort`, hosted by world's initiative; `other_leader` (backbone staff
    elsewhere) is in `other_cohort` only; `leader` (a partner in the sphere) has not opted
    in. world's `facilitator` and `superuser` manage the community; `partner`, `viewer` and
    `outsider` lead nothing and see none of it."""

    world: World
    cohort: Cohort
    other_cohort: Cohort
    ceo: User
    other_leader: User
    leader: User


def build_community(world: World) -> Community:
    sphere = SphereFactory(name="Youth sphere", slug="youth")
    ceo = member("ceo@example.org", Role.PARTNER, sphere, world.second_org)
    other_leader = member("other-leader@example.org", Role.BACKBONE_STAFF, world.other_initiative)
    leader = member("leader@example.org", Role.PARTNER, sphere, world.other_org)
    main = cohort(host=world.initiative, members=[profile(world.backbone), profile(ceo)])
    other = cohort("Other cohort", members=[profile(other_leader)])
    return Community(
        world=world,
        cohort=main,
        other_cohort=other,
        ceo=ceo,
        other_leader=other_leader,
        leader=leader,
    )
