"""Signal receivers of communication."""

from django.conf import settings

from initiatives.models import User


def language_from_sign_in(sender, request, user, **kwargs) -> None:
    """A person who never chose the language of their emails gets the one they use on the
    site when they sign in (they may change it on their email preferences page)."""
    language = getattr(request, "LANGUAGE_CODE", "") if request is not None else ""
    if user.language or language not in dict(settings.LANGUAGES):
        return
    User.objects.filter(pk=user.pk, language="").update(language=language)
    user.language = language
