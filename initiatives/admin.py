from django.contrib import admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _

from sheatufim.admin_text import TextAdminMixin, TextInlineMixin
from sheatufim.forms_text import CleanTextMixin
from sheatufim.translated_forms import TranslatedAdmin, admin_form

from .models import (
    ApiToken,
    Initiative,
    Invitation,
    Membership,
    Organization,
    Participation,
    User,
)


class MembershipInline(TextInlineMixin, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user", "organization"]


class ParticipationInline(TextInlineMixin, admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["organization"]


class UserChangeForm(CleanTextMixin, auth_forms.UserChangeForm):
    """Django's form, its texts through clean_text."""


class UserCreationForm(CleanTextMixin, auth_forms.UserCreationForm):
    """Django's form, its texts through clean_text (passwords as typed)."""


@admin.register(User)
class UserAdmin(TextAdminMixin, DjangoUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser", "memberships__role"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["full_name"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"is_active", "is_staff", "is_superuser"} & set(form.changed_data):
            from .services import api_tokens_forget  # their cached tokens carry these flags

            api_tokens_forget(hashes=list(obj.api_tokens.values_list("token_hash", flat=True)))


@admin.register(Organization)
class OrganizationAdmin(TextAdminMixin, TranslatedAdmin, admin.ModelAdmin):
    form = admin_form(Organization, name=200)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "sector", "registration_number", "website", "created_at"]
    list_filter = ["sector"]
    search_fields = ["name", "registration_number", "description"]


@admin.register(Initiative)
class InitiativeAdmin(TextAdminMixin, TranslatedAdmin, admin.ModelAdmin):
    form = admin_form(Initiative, name=200, social_issue=300)
    list_display = ["name", "kind", "phase", "status", "backbone", "parent", "started_on"]
    list_filter = ["kind", "phase", "status"]
    search_fields = ["name", "slug", "social_issue", "geography"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["backbone", "parent"]
    list_select_related = ["backbone", "parent"]
    inlines = [ParticipationInline, MembershipInline]

    def get_readonly_fields(self, request, obj=None):
        """A new initiative starts in a phase; after that the phase moves only through the
        backbone's phase change, which keeps its history (who, when, why)."""
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "phase"] if obj is not None else fields

    def save_model(self, request, obj, form, change):
        """The parent is set through the service, as on the initiative page (the consent, the
        detached contributions, the recomputed figures)."""
        if "parent" not in form.changed_data:
            return super().save_model(request, obj, form, change)
        from .services import initiative_set_parent

        parent = obj.parent
        obj.parent = Initiative.objects.filter(pk=obj.pk).first().parent if change else None
        super().save_model(request, obj, form, change)
        initiative_set_parent(initiative=obj, parent=parent, user=request.user)


@admin.register(Participation)
class ParticipationAdmin(TextAdminMixin, admin.ModelAdmin):
    list_display = ["organization", "initiative", "role", "joined_on", "left_on"]
    list_filter = ["role", "initiative", "organization__sector"]
    search_fields = ["organization__name", "initiative__name"]
    autocomplete_fields = ["organization", "initiative"]
    list_select_related = ["organization", "initiative"]
    date_hierarchy = "joined_on"


@admin.register(Membership)
class MembershipAdmin(TextAdminMixin, admin.ModelAdmin):
    list_display = ["user", "initiative", "role", "organization", "created_at"]
    list_filter = ["role", "initiative"]
    search_fields = ["user__email", "user__full_name", "initiative__name", "organization__name"]
    autocomplete_fields = ["user", "initiative", "organization"]
    list_select_related = ["user", "initiative", "organization"]


@admin.register(Invitation)
class InvitationAdmin(TextAdminMixin, admin.ModelAdmin):
    list_display = [
        "email",
        "initiative",
        "role",
        "organization",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["role", "initiative", "accepted_at", "revoked_at"]
    search_fields = ["email", "initiative__name"]
    readonly_fields = ["token_hash", "created_at", "accepted_at", "accepted_by", "invited_by"]
    list_select_related = ["initiative", "organization", "invited_by"]

    def has_add_permission(self, request):
        # An invitation needs a token that is emailed: create it from the initiative's page.
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(TextAdminMixin, admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__email", "prefix"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    actions = ["revoke"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        # A token is shown once, at creation: users create theirs on their API tokens page.
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        from .services import api_token_revoke

        for token in queryset:
            api_token_revoke(token=token)


from .stakeholder_map import admin as stakeholder_map_admin  # noqa: E402, F401  (registers Relationship)
