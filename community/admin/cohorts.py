"""Leaders' profiles (read and removed here; a profile is its leader's to write), cohorts
(through community.services.cohorts) and their members."""

from django import forms
from django.contrib import admin

from sheatufim.translated_forms import TranslatedAdmin

from ..models import Cohort, CohortMember, LeaderProfile
from ..services import cohorts as services
from ..services import profiles as profile_services
from ._common import ServiceFormMixin, WithUser, service_admin_form

COHORT_FIELDS = ["name", "description", "starts_on", "ends_on", "host"]


@admin.register(LeaderProfile)
class LeaderProfileAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organization", "role_title", "opted_in_at"]
    search_fields = ["user__email", "user__full_name", "role_title", "expertise"]
    list_select_related = ["user", "organization"]
    readonly_fields = [
        "user",
        "organization",
        "role_title",
        "expertise",
        "languages",
        "contact_email",
        "contact_phone",
        "bio",
        "opted_in_at",
    ]

    def has_add_permission(self, request):
        return False  # a leader opts in themselves

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        profile_services.profile_opt_out(profile=obj, by=obj.user)


def _write_cohort(form) -> Cohort:
    data = form.cleaned_data
    if form.instance.pk is None:
        fields = {name: data[name] for name in COHORT_FIELDS}
        fields.update(language=data["language"], translations=data["translations"])
        return services.cohort_create(by=form.user, **fields)
    changes = form._changes([*COHORT_FIELDS, "language", "translations"])
    return services.cohort_update(cohort=form.instance, by=form.user, **changes)


class MemberInline(admin.TabularInline):
    model = CohortMember
    extra = 0
    fields = ["profile", "joined_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Cohort)
class CohortAdmin(WithUser, TranslatedAdmin, admin.ModelAdmin):
    form = service_admin_form(Cohort, _write_cohort, name=200, description=None)
    fields = [*COHORT_FIELDS, "language"]
    list_display = ["name", "starts_on", "ends_on", "host"]
    list_select_related = ["host"]
    search_fields = ["name"]
    inlines = [MemberInline]


def _write_member(form) -> CohortMember:
    if form.instance.pk is not None:
        return form.instance
    data = form.cleaned_data
    return services.cohort_member_add(cohort=data["cohort"], profile=data["profile"], by=form.user)


class CohortMemberForm(ServiceFormMixin, forms.ModelForm):
    _write = _write_member

    class Meta:
        model = CohortMember
        fields = ["cohort", "profile"]


@admin.register(CohortMember)
class CohortMemberAdmin(WithUser, admin.ModelAdmin):
    form = CohortMemberForm
    list_display = ["cohort", "profile", "joined_at"]
    list_select_related = ["cohort", "profile__user"]
    list_filter = ["cohort"]

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        services.cohort_member_remove(cohort=obj.cohort, profile=obj.profile, by=request.user)

    def delete_queryset(self, request, queryset):
        for member in queryset.select_related("cohort", "profile"):
            self.delete_model(request, member)
