"""Writes: each service validates, runs in one transaction, and queues background work on commit.

Business errors are django.core.exceptions.ValidationError, keyed by field where one applies,
so forms show them at the field and the API turns them into a 400.
"""

import hashlib
import logging
import secrets
from datetime import date, timedelta

import kombu.exceptions
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import (
    ALREADY_MEMBER,
    ALREADY_TAKES_PART,
    ORGANIZATION_NAME_TAKEN,
    ApiToken,
    Initiative,
    InitiativeKind,
    Invitation,
    Membership,
    Organization,
    Participation,
    Role,
    User,
)
from .permissions import can_take_in_child
from .signals import initiative_parent_changed, participation_ended

INVALID_INVITATION = gettext_lazy("This invitation link is not valid.")

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args) -> None:
    """Queue a Celery task once the transaction commits; a broker outage must not fail the user."""

    def send():
        try:
            task.delay(*args)
        except kombu.exceptions.OperationalError as error:
            # The broker is down (one line, not a traceback per request during an outage):
            # the periodic job or a resend catches up.
            logger.warning("Could not queue %s: %s", task.name, error)  # args may hold a token
        except Exception:
            logger.exception("Could not queue %s", task.name)

    transaction.on_commit(send)


def _save(obj, **integrity_errors: str):
    """full_clean() and save(); a unique violation missed by clean() becomes a field error."""
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        for field, message in integrity_errors.items():
            raise ValidationError({field: message}) from exc
        raise
    return obj


@transaction.atomic
def organization_create(
    *,
    name: str,
    sector: str,
    description: str = "",
    website: str = "",
    registration_number: str = "",
    language: str = "",
    translations: dict | None = None,
) -> Organization:
    """Register an organization in the shared directory."""
    organization = Organization(
        name=name,
        sector=sector,
        description=description,
        website=website,
        registration_number=registration_number,
        language=language,
        translations=translations or {},
    )
    return _save(organization, name=str(ORGANIZATION_NAME_TAKEN))


@transaction.atomic
def participation_add(
    *, initiative: Initiative, organization: Organization, role: str, joined_on: date | None = None
) -> Participation:
    """Add an organization to an initiative (refused if it already takes part)."""
    participation = Participation(
        initiative=initiative,
        organization=organization,
        role=role,
        joined_on=joined_on or timezone.localdate(),
    )
    if Participation.objects.active().filter(initiative=initiative, organization=organization):
        raise ValidationError({"organization": str(ALREADY_TAKES_PART)})
    return _save(
        participation,
        organization=str(ALREADY_TAKES_PART),
    )


@transaction.atomic
def participation_end(*, participation: Participation, left_on: date | None = None) -> None:
    """Record that an organization left; its representatives lose their membership."""
    participation.left_on = max(left_on or timezone.localdate(), participation.joined_on)
    participation.save(update_fields=["left_on"])
    Membership.objects.filter(
        initiative=participation.initiative_id,
        organization=participation.organization_id,
        role=Role.PARTNER,
    ).delete()
    participation_ended.send(sender=Participation, participation=participation)


@transaction.atomic
def initiative_set_parent(
    *, initiative: Initiative, parent: Initiative | None, user: User
) -> Initiative:
    """Place the initiative inside `parent` (a collective impact initiative), or at the top
    with None. The parent must consent: the user manages it too (any, for a superuser).
    Contributions of the initiative's indicators to another initiative's indicators are
    detached by measurement, which hears of the change (`initiative_parent_changed`)."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    old_parent_id = locked.parent_id
    new_parent_id = parent.pk if parent is not None else None
    if new_parent_id == old_parent_id:
        return initiative
    # A parent of another kind is refused by the model, with its own reason.
    consent_needed = parent is not None and parent.kind == InitiativeKind.COLLECTIVE_IMPACT
    if consent_needed and not can_take_in_child(user, parent):
        raise ValidationError(
            {
                "parent": _(
                    "You can place this initiative only inside a collective impact initiative "
                    "that you also manage: its backbone must agree to take in your figures."
                )
            }
        )
    initiative.parent = parent
    try:
        initiative.full_clean()
    except ValidationError:
        initiative.parent_id = old_parent_id
        raise
    initiative.save(update_fields=["parent"])
    initiative_parent_changed.send(
        sender=Initiative,
        initiative=initiative,
        old_parent_id=old_parent_id,
        parent_id=new_parent_id,
    )
    return initiative


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(
    *,
    initiative: Initiative,
    email: str,
    role: str,
    invited_by: User,
    organization: Organization | None = None,
) -> tuple[Invitation, str]:
    """Invite someone by email. Returns the invitation and the raw token, which is never stored.

    An earlier pending invitation of the same address to the same initiative is revoked.
    """
    email = email.strip().lower()
    if Membership.objects.filter(initiative=initiative, user__email__iexact=email).exists():
        raise ValidationError({"email": str(ALREADY_MEMBER)})
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation = Invitation(
        initiative=initiative,
        email=email,
        role=role,
        organization=organization,
        token_hash=_token_hash(token),
        invited_by=invited_by,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    invitation.full_clean(exclude=["token_hash"])
    Invitation.objects.pending().filter(initiative=initiative, email=email).update(revoked_at=now)
    invitation.save()

    from .tasks import invitation_send_email

    enqueue_on_commit(invitation_send_email, invitation.pk, token, translation.get_language())
    return invitation, token


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> None:
    """Make a pending invitation's link unusable."""
    Invitation.objects.filter(pk=invitation.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def invitation_get_by_token(*, token: str) -> Invitation:
    """Raises Invitation.DoesNotExist for an unknown token."""
    return Invitation.objects.select_related("initiative", "organization").get(
        token_hash=_token_hash(token)
    )


def invitation_unusable_reason(invitation: Invitation) -> str | None:
    if invitation.accepted_at:
        return _("This invitation has already been used.")
    if invitation.revoked_at:
        return _("This invitation has been withdrawn.")
    if invitation.is_expired:
        return _("This invitation has expired. Ask the initiative's staff for a new one.")
    return None


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    user: User | None = None,
    full_name: str = "",
    password: str = "",
) -> Membership:
    """Accept an invitation: the signed-in user, or a new account with the given password.

    The invitation row is locked, so one link creates at most one membership.
    """
    try:
        invitation = Invitation.objects.select_for_update().get(token_hash=_token_hash(token))
    except Invitation.DoesNotExist:
        raise ValidationError(str(INVALID_INVITATION)) from None
    if reason := invitation_unusable_reason(invitation):
        raise ValidationError(reason)

    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(_("An account with this email exists: sign in to accept."))
        user = User(email=invitation.email, full_name=full_name.strip())
        validate_password(password, user)
        user.set_password(password)
        _save(user, email=_("An account with this email exists: sign in to accept."))
    elif user.email.lower() != invitation.email:
        raise ValidationError(
            _("This invitation was sent to %(email)s; sign in with that address to accept it.")
            % {"email": invitation.email}
        )

    if Membership.objects.filter(user=user, initiative=invitation.initiative).exists():
        raise ValidationError(_("You are already a member of this initiative."))
    membership = Membership(
        user=user,
        initiative=invitation.initiative,
        role=invitation.role,
        organization=invitation.organization,
    )
    _save(membership)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


API_TOKEN_PREFIX = "sht_"


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a personal API token. Returns it and the raw token, which is shown once only."""
    name = name.strip()
    if not name:
        raise ValidationError(
            {"name": _("Give the token a name, such as the system that uses it.")}
        )
    if ApiToken.objects.active().filter(user=user).count() >= 20:
        raise ValidationError({"name": _("Revoke an unused token first: at most 20 are active.")})
    raw = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=raw[:12], token_hash=_token_hash(raw)
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> None:
    """Revoke a token; the next request that presents it is refused (its cached entry, see
    sheatufim/api/authentication.py, is replaced by a tombstone now and again on commit)."""
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    api_tokens_forget(hashes=[token.token_hash])
    transaction.on_commit(lambda: api_tokens_forget(hashes=[token.token_hash]))


@transaction.atomic
def user_deactivate(*, user: User) -> None:
    """Deactivate a user: no sign-in, and none of their API tokens is accepted any more."""
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.is_active = False
    hashes = list(ApiToken.objects.filter(user=user).values_list("token_hash", flat=True))
    api_tokens_forget(hashes=hashes)
    transaction.on_commit(lambda: api_tokens_forget(hashes=hashes))


API_TOKEN_CACHE_SECONDS = 30  # how long a write that bypasses the services can go unseen
API_TOKEN_FORGOTTEN = "forgotten"


def api_token_cache_key(token_hash: str) -> str:
    return f"api-token:{token_hash}"


def api_token_hash(raw: str) -> str:
    return _token_hash(raw)


def api_tokens_forget(*, hashes: list[str]) -> None:
    """Tombstones over the cached entries of these tokens, written before and after the change
    commits: a request that read the database before the commit cannot put the entry back
    (entries are only ever added, never set)."""
    from django.core.cache import cache
    from redis import RedisError

    if not hashes:
        return
    try:
        cache.set_many(
            {api_token_cache_key(h): API_TOKEN_FORGOTTEN for h in hashes}, API_TOKEN_CACHE_SECONDS
        )
    except RedisError as error:  # its entries expire within API_TOKEN_CACHE_SECONDS
        logger.warning("Could not forget %d API tokens in the cache: %r", len(hashes), error)


def api_token_authenticate(raw: str) -> ApiToken | None:
    """The active token for a raw value, or None. Notes its use at most once a minute."""
    if not raw.startswith(API_TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.active().select_related("user").filter(token_hash=_token_hash(raw)).first()
    )
    if token is not None:
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
