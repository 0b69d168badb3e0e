"""Invitation by email: a single-use link that expires; accepting sets a password and joins."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from initiatives import services
from initiatives.models import Invitation, Membership, Role, User


@pytest.fixture
def invite(world, eager_celery, django_capture_on_commit_callbacks, mailoutbox):
    def make(email="new.partner@example.org", role=Role.PARTNER, organization="partner_org"):
        with django_capture_on_commit_callbacks(execute=True):
            invitation, token = services.invitation_create(
                initiative=world.initiative,
                email=email,
                role=role,
                invited_by=world.backbone,
                organization=getattr(world, organization) if organization else None,
            )
        return invitation, token

    return make


def test_the_email_carries_a_link_that_works(client, world, invite, mailoutbox):
    _invitation, token = invite()
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["new.partner@example.org"]
    assert world.initiative.name in message.subject
    link = re.search(r"https?://\S+/invitations/(\S+)/", message.body)
    assert link and link.group(1) == token

    response = client.post(
        reverse("invitation_accept", args=[token]),
        {
            "full_name": "Salma",
            "password1": "a-Long-pass-phrase",
            "password2": "a-Long-pass-phrase",
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("initiatives:detail", args=[world.initiative.slug])
    user = User.objects.get(email="new.partner@example.org")
    assert user.check_password("a-Long-pass-phrase")
    membership = Membership.objects.get(user=user, initiative=world.initiative)
    assert membership.role == Role.PARTNER and membership.organization == world.partner_org
    assert client.get(response.url).status_code == 200  # signed in


def test_only_a_hash_of_the_token_is_stored(invite):
    invitation, token = invite()
    assert token not in invitation.token_hash
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_a_used_link_cannot_be_used_again(client, invite):
    _invitation, token = invite()
    data = {"full_name": "S", "password1": "a-Long-pass-phrase", "password2": "a-Long-pass-phrase"}
    assert client.post(reverse("invitation_accept", args=[token]), data).status_code == 302
    client.logout()

    response = client.get(reverse("invitation_accept", args=[token]))
    assert response.status_code == 410
    assert "already been used" in response.text
    response = client.post(reverse("invitation_accept", args=[token]), data)
    assert response.status_code == 410
    assert User.objects.filter(email="new.partner@example.org").count() == 1


def test_an_expired_link_is_refused(client, invite):
    invitation, token = invite()
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.post(
        reverse("invitation_accept", args=[token]),
        {"full_name": "S", "password1": "a-Long-pass-phrase", "password2": "a-Long-pass-phrase"},
    )
    assert response.status_code == 410
    assert "expired" in response.text
    assert not User.objects.filter(email="new.partner@example.org").exists()


def test_a_withdrawn_link_is_refused(client, invite):
    invitation, token = invite()
    services.invitation_revoke(invitation=invitation)
    response = client.get(reverse("invitation_accept", args=[token]))
    assert response.status_code == 410
    assert "withdrawn" in response.text


def test_an_unknown_token_is_404(client, db):
    response = client.get(reverse("invitation_accept", args=["not-a-token"]))
    assert response.status_code == 404


def test_inviting_again_replaces_the_earlier_link(invite):
    first, first_token = invite()
    second, _second_token = invite()
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.is_usable
    with pytest.raises(ValidationError):
        services.invitation_accept(token=first_token, full_name="x", password="a-Long-pass-phrase")


def test_inviting_a_member_is_refused(world, invite):
    with pytest.raises(ValidationError) as error:
        invite(email=world.viewer.email.upper(), role=Role.VIEWER, organization=None)
    assert "email" in error.value.message_dict


def test_an_existing_account_signs_in_to_accept(client, world, invite):
    _invitation, token = invite(
        email=world.other_partner.email, role=Role.VIEWER, organization=None
    )
    response = client.get(reverse("invitation_accept", args=[token]))
    assert response.status_code == 200
    assert "Sign in" in response.text
    assert client.post(reverse("invitation_accept", args=[token])).status_code == 403

    client.force_login(world.other_partner)
    response = client.post(reverse("invitation_accept", args=[token]))
    assert response.status_code == 302
    assert Membership.objects.get(user=world.other_partner, initiative=world.initiative).role == (
        Role.VIEWER
    )


def test_someone_else_signed_in_cannot_take_the_invitation(client, world, invite):
    _invitation, token = invite()
    client.force_login(world.outsider)
    response = client.post(reverse("invitation_accept", args=[token]), follow=True)
    assert "sign in with that address" in response.text
    assert not Membership.objects.filter(user=world.outsider).exists()


@pytest.mark.parametrize(
    "data, field",
    [
        (
            {"full_name": "", "password1": "a-Long-pass-phrase", "password2": "a-Long-pass-phrase"},
            "full_name",
        ),
        (
            {"full_name": "S", "password1": "a-Long-pass-phrase", "password2": "different-pass"},
            "password2",
        ),
        ({"full_name": "S", "password1": "123", "password2": "123"}, "password1"),
        ({"full_name": "S", "password1": "password", "password2": "password"}, "password1"),
    ],
)
def test_bad_input_when_accepting_shows_the_field_error_and_saves_nothing(
    client, invite, data, field
):
    invitation, token = invite()
    response = client.post(reverse("invitation_accept", args=[token]), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert f'id="id_{field}_error"' in response.text
    assert not User.objects.filter(email=invitation.email).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_broker_down_still_creates_the_invitation(
    world, django_capture_on_commit_callbacks, caplog, mailoutbox
):
    """With the broker unreachable, the backbone's action still succeeds; the failure is logged."""
    from sheatufim.celery import app as celery_app

    conf, amqp = celery_app.conf, celery_app.amqp
    saved = conf.task_always_eager, conf.broker_url, celery_app._pool, amqp._producer_pool
    conf.task_always_eager = False
    conf.broker_url = "redis://127.0.0.1:9/0"  # nothing listens there
    celery_app._pool = amqp._producer_pool = None
    try:
        with django_capture_on_commit_callbacks(execute=True):
            invitation, _ = services.invitation_create(
                initiative=world.initiative,
                email="later@example.org",
                role=Role.VIEWER,
                invited_by=world.backbone,
            )
    finally:
        conf.task_always_eager, conf.broker_url, celery_app._pool, amqp._producer_pool = saved
    assert Invitation.objects.get(pk=invitation.pk).is_usable
    assert "Could not queue initiatives.tasks.invitation_send_email" in caplog.text
    assert mailoutbox == []
