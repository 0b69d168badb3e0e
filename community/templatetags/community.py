"""`{% community_link as show %}`: whether the navigation shows the learning community (to
those who may view it or opt in; see community.permissions.may_see_community_link).
`{% community_may_opt_in as may %}`: whether the reader may have a profile (the "My profile"
tab and the invitation to create one)."""

from django import template

from ..permissions import can_opt_in, may_see_community_link

register = template.Library()


@register.simple_tag(takes_context=True)
def community_link(context) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(user is not None and may_see_community_link(user))


@register.simple_tag(takes_context=True)
def community_may_opt_in(context) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and can_opt_in(user))
