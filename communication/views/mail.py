"""The pages of email: a person's preferences, the one-click unsubscribe (no sign-in: the
link's signed token says who), and an initiative's reminder settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from initiatives.forms import add_service_error
from initiatives.models import User
from initiatives.views import initiative_or_404

from .. import permissions
from ..forms.mail import CommunicationSettingsForm, EmailPreferencesForm
from ..messages import _scope_label, unsubscribe_read
from ..models import CommunicationSettings, DigestSettings, Weekday
from ..preferences import deliveries_for
from ..services import mail


@login_required
@require_http_methods(["GET", "POST"])
def email_preferences(request: HttpRequest) -> HttpResponse:
    user = request.user
    digest = DigestSettings.objects.filter(user=user).first()
    form = EmailPreferencesForm(
        request.POST or None,
        deliveries=deliveries_for([user.pk])[user.pk],
        weekly_day=digest.weekly_day if digest else Weekday.SUNDAY,
        language=user.language,
    )
    if request.method == "POST" and form.is_valid():
        try:
            mail.email_preferences_save(
                user=user,
                deliveries=form.deliveries(),
                weekly_day=form.cleaned_data["weekly_day"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your email preferences were saved."))
            return redirect("communication:email_preferences")
    status = 400 if form.errors else 200
    return render(request, "communication/mail/preferences.html", {"form": form}, status=status)


@csrf_exempt  # RFC 8058: the mail client's one-click POST carries no CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET: a page with one button; POST (that button, or List-Unsubscribe=One-Click):
    unsubscribe. The token is the only credential, so the action is only ever this one."""
    found = unsubscribe_read(token)
    user = User.objects.filter(pk=found[0], is_active=True).first() if found else None
    if user is None:
        return render(request, "communication/mail/unsubscribe_invalid.html", status=400)
    scope = found[1]
    context = {"scope_label": _scope_label(scope), "done": False}
    if request.method == "POST":
        mail.email_unsubscribe(user=user, scope=scope)
        context["done"] = True
    return render(request, "communication/mail/unsubscribe.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def communication_settings(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    if not permissions.can_manage_communication(request.user, initiative):
        raise PermissionDenied
    instance = CommunicationSettings.objects.filter(initiative=initiative).first()
    instance = instance or CommunicationSettings(initiative=initiative)
    form = CommunicationSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        mail.communication_settings_save(
            initiative=initiative,
            reporting_reminder_days=form.cleaned_data["reporting_reminder_days"],
        )
        messages.success(request, _("The settings were saved."))
        return redirect("communication:settings", slug=initiative.slug)
    status = 400 if form.errors else 200
    context = {"initiative": initiative, "form": form}
    return render(request, "communication/mail/settings.html", context, status=status)
