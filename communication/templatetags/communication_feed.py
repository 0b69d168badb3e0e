"""A feed line's sentence in the reader's language (communication.sentences)."""

from django import template

from communication.sentences import sentence_html

register = template.Library()


@register.filter
def sentence(event):
    return sentence_html(event)


@register.filter
def person(user) -> str:
    """How a person is named on a line: their name, else their address."""
    if user is None:
        return ""
    return user.full_name or user.email
