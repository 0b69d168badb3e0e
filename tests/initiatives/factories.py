import factory
from factory.django import DjangoModelFactory

from initiatives.models import (
    Initiative,
    InitiativeKind,
    Membership,
    Organization,
    Participation,
    ParticipationRole,
    Role,
    Sector,
    User,
)

PASSWORD = "correct-horse-battery-staple"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    sector = Sector.NONPROFIT


class InitiativeFactory(DjangoModelFactory):
    class Meta:
        model = Initiative

    name = factory.Sequence(lambda n: f"Initiative {n}")
    slug = factory.Sequence(lambda n: f"initiative-{n}")
    kind = InitiativeKind.COLLECTIVE_IMPACT
    social_issue = "A shared social issue"
    backbone = factory.SubFactory(OrganizationFactory)


class SphereFactory(InitiativeFactory):
    kind = InitiativeKind.SPHERE
    backbone = None


class ParticipationFactory(DjangoModelFactory):
    class Meta:
        model = Participation

    initiative = factory.SubFactory(InitiativeFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = ParticipationRole.PARTNER


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    initiative = factory.SubFactory(InitiativeFactory)
    role = Role.VIEWER
