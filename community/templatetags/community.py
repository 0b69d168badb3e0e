"""`{% community_link as show %}`: whether the navigation shows the learning community (to
those who may view it or opt in; see community.permissions.may_see_community_link)."""

from django import template

from ..permissions import may_see_community_link

register = template.Library()


@register.simple_tag(takes_context=True)
def community_link(context) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(user is not None and may_see_community_link(user))
