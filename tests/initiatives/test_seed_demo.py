from django.core.management import call_command

from initiatives.models import (
    Initiative,
    InitiativeKind,
    Membership,
    Organization,
    Participation,
    Role,
    Sector,
    User,
)


def counts():
    return [
        model.objects.count()
        for model in (Organization, Initiative, Participation, Membership, User)
    ]


def test_seed_demo_is_idempotent_and_covers_every_role(db, monkeypatch, capsys):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-secret")
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first

    assert Organization.objects.count() >= 20
    assert set(Organization.objects.values_list("sector", flat=True)) == set(Sector.values)
    names = "".join(Organization.objects.values_list("name", flat=True))
    assert any("\u0590" <= c <= "\u05ff" for c in names)  # Hebrew
    assert any("\u0600" <= c <= "\u06ff" for c in names)  # Arabic
    assert any("a" <= c <= "z" for c in names)  # English
    for organization in Organization.objects.exclude(registration_number=""):
        organization.full_clean()

    kinds = list(Initiative.objects.values_list("kind", flat=True))
    assert kinds.count(InitiativeKind.COLLECTIVE_IMPACT) == 3  # 5X2's Negev chapter too
    chapter = Initiative.objects.get(slug="5x2-negev")
    assert chapter.parent.slug == "5x2-stem-excellence"
    assert kinds.count(InitiativeKind.SPHERE) == 2  # 5X2's nonprofits inside 5X2 too
    for initiative in Initiative.objects.all():
        initiative.full_clean()
    for participation in Participation.objects.select_related("initiative", "organization"):
        participation.full_clean()
    for membership in Membership.objects.all():
        membership.full_clean()

    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    admin = User.objects.get(email="admin@example.org")
    assert admin.is_superuser and admin.check_password("a-demo-secret")
    assert "backbone@example.org" in capsys.readouterr().out
