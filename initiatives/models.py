"""Organizations, people, initiatives, and the roles that join them."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sheatufim.translated import Translatable

from .validators import validate_registration_number

# Said by the models' checks and by the services that check first: one wording each.
ORGANIZATION_NAME_TAKEN = _("An organization with this name already exists.")
ALREADY_TAKES_PART = _("This organization already takes part in the initiative.")
NOT_TAKING_PART = _("This organization does not take part in the initiative.")
ALREADY_MEMBER = _("This person is already a member of the initiative.")
ONLY_PARTNERS_REPRESENT = _(
    "Only a partner representative represents an organization; leave this empty."
)


class UserManager(DjangoUserManager):
    """Users log in with their email; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        # Emails are stored lower-case; people type them with capitals.
        return self.get(email__iexact=username)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    # The language of the emails the person receives (blank: the platform's default); set
    # when they choose a language on the site, and on their email preferences page.
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.email.strip().lower()

    def validate_constraints(self, exclude=None):
        # The email field's own unique check already reports a taken (lower-cased) address.
        super().validate_constraints(exclude={*(exclude or ()), "email"})

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Sector(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    BUSINESS = "business", _("Business")
    NONPROFIT = "nonprofit", _("Nonprofit")
    PHILANTHROPY = "philanthropy", _("Philanthropy")
    ACADEMIA = "academia", _("Academia")
    COMMUNITY = "community", _("Community")


class Organization(Translatable):
    translatable = ("name",)

    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    registration_number = models.CharField(
        _("registration number"),
        max_length=9,
        blank=True,
        validators=[validate_registration_number],
        help_text=_("Nine digits, as given by the registrar of companies or nonprofits."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organization_name_ci_unique"),
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~Q(registration_number=""),
                name="organization_registration_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(sector__in=Sector.values), name="organization_sector_valid"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="organization_name_not_empty"),
        ]

    def __str__(self) -> str:
        # In the reader's language, so that choices in forms and filters are too.
        return str(self.text("name"))

    def clean(self):
        self.name = " ".join(self.name.split())
        others = Organization.objects.exclude(pk=self.pk)
        errors = {}
        if self.name and others.filter(name__iexact=self.name).exists():
            errors["name"] = ORGANIZATION_NAME_TAKEN
        if (
            self.registration_number
            and others.filter(registration_number=self.registration_number).exists()
        ):
            errors["registration_number"] = _(
                "An organization with this registration number already exists."
            )
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        # clean() checks these two at their fields; the constraints would repeat it above the form.
        super().validate_constraints(exclude={*(exclude or ()), "name", "registration_number"})


# The sectors an impact sphere is open to, and the one wording of its refusal.
THIRD_SECTOR = frozenset({Sector.NONPROFIT, Sector.COMMUNITY})
SPHERE_THIRD_SECTOR_ONLY = _(
    "An impact sphere is open to third-sector organizations only: nonprofits and community "
    "organizations."
)


class InitiativeKind(models.TextChoices):
    COLLECTIVE_IMPACT = "collective_impact", _("Collective impact initiative")
    SPHERE = "sphere", _("Impact sphere")


class Phase(models.IntegerChoices):
    ASSESS_READINESS = 0, _("Phase 0: assess readiness")
    INITIATE_ACTION = 1, _("Phase I: initiate action")
    ORGANIZE_FOR_IMPACT = 2, _("Phase II: organize for impact")
    SUSTAIN = 3, _("Phase III: sustain action and impact")


class InitiativeStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", _("Closed")


class Initiative(Translatable):
    translatable = ("name", "social_issue")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=False)
    kind = models.CharField(_("kind"), max_length=20, choices=InitiativeKind.choices)
    social_issue = models.CharField(_("social issue"), max_length=300)
    geography = models.CharField(_("geography"), max_length=200, blank=True)
    phase = models.PositiveSmallIntegerField(
        _("phase"), choices=Phase.choices, default=Phase.ASSESS_READINESS
    )
    backbone = models.ForeignKey(
        Organization,
        verbose_name=_("backbone organization"),
        on_delete=models.PROTECT,
        related_name="backbone_of",
        null=True,
        blank=True,
        help_text=_("Required for a collective impact initiative."),
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=InitiativeStatus.choices, default="active"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent initiative"),
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
        help_text=_(
            "A regional chapter or a sphere runs inside a collective impact initiative; its "
            "indicators can add to the parent's."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=InitiativeKind.values), name="initiative_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=InitiativeStatus.values), name="initiative_status_valid"
            ),
            models.CheckConstraint(condition=Q(phase__lte=3), name="initiative_phase_valid"),
            models.CheckConstraint(
                condition=Q(kind="sphere") | Q(backbone__isnull=False),
                name="initiative_collective_impact_has_backbone",
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="initiative_not_its_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return str(self.text("name"))

    @property
    def is_sphere(self) -> bool:
        return self.kind == InitiativeKind.SPHERE

    def ancestor_ids(self) -> list[int]:
        """The parent, its parent and so on, nearest first (one query per level: levels are
        few, and a loop left by a concurrent change stops at the first repeat)."""
        found: list[int] = []
        parent_id = self.parent_id
        while parent_id and parent_id not in found:
            found.append(parent_id)
            parent_id = (
                Initiative.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
            )
        return found

    def clean(self):
        errors = {}
        if self.kind == InitiativeKind.COLLECTIVE_IMPACT and not self.backbone_id:
            errors["backbone"] = _("A collective impact initiative needs a backbone organization.")
        if self.parent_id:
            if self.parent.kind != InitiativeKind.COLLECTIVE_IMPACT:
                errors["parent"] = _("The parent must be a collective impact initiative.")
            elif self.pk and self.pk in self.ancestor_ids():
                errors["parent"] = _(
                    "An initiative cannot run inside itself or inside one of its own children."
                )
        if errors:
            raise ValidationError(errors)


class ParticipationRole(models.TextChoices):
    BACKBONE = "backbone", _("Backbone")
    STEERING = "steering", _("Steering committee")
    PARTNER = "partner", _("Partner")
    FUNDER = "funder", _("Funder")
    GOVERNMENT = "government", _("Government partner")
    DATA = "data", _("Data partner")


class ParticipationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(left_on__isnull=True)


class Participation(models.Model):
    """An organization's place in an initiative; at most one open row per pair."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    role = models.CharField(_("role"), max_length=20, choices=ParticipationRole.choices)
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "organization"],
                condition=Q(left_on__isnull=True),
                name="participation_one_open_per_organization",
                violation_error_message=ALREADY_TAKES_PART,
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="participation_left_after_joined",
            ),
            models.CheckConstraint(
                condition=Q(role__in=ParticipationRole.values), name="participation_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.initiative} ({self.get_role_display()})"

    def clean(self):
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("An organization cannot leave before it joined.")})
        if (
            self.initiative_id
            and self.organization_id
            and self.initiative.is_sphere
            and self.organization.sector not in THIRD_SECTOR
        ):
            raise ValidationError({"organization": SPHERE_THIRD_SECTOR_ONLY})


class Role(models.TextChoices):
    BACKBONE_STAFF = "backbone_staff", _("Backbone staff")
    PARTNER = "partner", _("Partner representative")
    FACILITATOR = "facilitator", _("Facilitator")
    VIEWER = "viewer", _("Viewer")


class Membership(models.Model):
    """A user's access to an initiative. A partner representative speaks for one organization."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization represented"),
        on_delete=models.PROTECT,
        related_name="representatives",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "initiative"],
                name="membership_one_role_per_initiative",
                violation_error_message=ALREADY_MEMBER,
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_valid"),
            models.CheckConstraint(
                condition=(Q(role="partner") & Q(organization__isnull=False))
                | (~Q(role="partner") & Q(organization__isnull=True)),
                name="membership_partner_has_organization",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.initiative} ({self.get_role_display()})"

    def clean(self):
        clean_role_and_organization(self)


def clean_role_and_organization(obj) -> None:
    """Shared by Membership and Invitation: a partner speaks for one participating organization."""
    if obj.role == Role.PARTNER:
        if not obj.organization_id:
            raise ValidationError(
                {
                    "organization": _(
                        "A partner representative must represent an organization: choose one."
                    )
                }
            )
        if (
            obj.initiative_id
            and not Participation.objects.active()
            .filter(initiative_id=obj.initiative_id, organization_id=obj.organization_id)
            .exists()
        ):
            raise ValidationError({"organization": NOT_TAKING_PART})
    elif obj.organization_id:
        raise ValidationError({"organization": ONLY_PARTNERS_REPRESENT})


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True).filter(
            expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """A single-use, expiring link that creates a membership. Only a hash of the token is kept."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization represented"),
        on_delete=models.CASCADE,
        related_name="invitations",
        null=True,
        blank=True,
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="invitation_role_valid"),
            models.CheckConstraint(
                condition=(Q(role="partner") & Q(organization__isnull=False))
                | (~Q(role="partner") & Q(organization__isnull=True)),
                name="invitation_partner_has_organization",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.initiative}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired

    def clean(self):
        self.email = self.email.strip().lower()
        clean_role_and_organization(self)


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A personal token for integrations: acts with its user's roles. Only a hash is kept."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("starts with"), max_length=12, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


# The stakeholder map's recorded relationships live in a module of their own.
from .relationships import NOTE_MAX as RELATIONSHIP_NOTE_MAX  # noqa: E402, F401
from .relationships import Relationship, RelationshipKind  # noqa: E402, F401
