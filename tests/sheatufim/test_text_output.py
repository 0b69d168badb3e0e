"""Plain-text outputs isolate user text: the invitation e-mail's names are in FSI…PDI."""

from initiatives import services
from initiatives.models import Role

FSI, PDI, RLO = "\u2068", "\u2069", "\u202e"


def test_the_invitation_email_isolates_the_names(
    world, eager_celery, django_capture_on_commit_callbacks, mailoutbox
):
    world.initiative.name = "מצוינות & STEM"
    world.initiative.save()
    world.partner_org.name = f"Masar {RLO}x"  # as stored before entry was cleaned
    world.partner_org.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(
            initiative=world.initiative,
            email="new@example.org",
            role=Role.PARTNER,
            invited_by=world.backbone,
            organization=world.partner_org,
        )
    (mail,) = mailoutbox
    assert mail.subject == f"You are invited to {FSI}מצוינות & STEM{PDI}"
    inviter = world.backbone.get_full_name()
    assert f"{FSI}{inviter}{PDI} invites you to join {FSI}מצוינות & STEM{PDI} as" in mail.body
    assert f"You will represent {FSI}Masar x{PDI}." in mail.body
    assert RLO not in mail.body
