"""The API's one JSON parser: every text of a body passes sheatufim.text on its way in.

A NUL anywhere in the body (a value or a key, at any depth) is a 400 at the field that holds
it (`comment`, `categories.0.category`); bidi overrides are removed from every string.
Serializers and the bulk parser then see clean text only, whatever fields they declare.
"""

from django.core.validators import ProhibitNullCharactersValidator
from rest_framework import exceptions
from rest_framework.parsers import JSONParser

from sheatufim.text import has_nul, strip_overrides

#: Django's own (translated) message for a NUL.
NUL_MESSAGE = ProhibitNullCharactersValidator.message


class NulRefused(exceptions.ValidationError):
    """A body holding NUL; `paths` says where (a tuple of keys and indexes per place)."""

    def __init__(self, paths: list[tuple]):
        self.paths = paths
        super().__init__(
            {".".join(map(str, path)) or "non_field_errors": [NUL_MESSAGE] for path in paths}
        )


def _clean(value, path: tuple, refused: list):
    if isinstance(value, str):
        if has_nul(value):
            refused.append(path)
        return strip_overrides(value)
    if isinstance(value, list):
        return [_clean(item, (*path, index), refused) for index, item in enumerate(value)]
    if isinstance(value, dict):
        cleaned = {}
        for key, item in value.items():
            if has_nul(key):
                refused.append(path)
                continue
            cleaned[strip_overrides(key)] = _clean(item, (*path, key), refused)
        return cleaned
    return value


class CleanJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        refused = []
        data = _clean(super().parse(stream, media_type, parser_context), (), refused)
        if refused:
            raise NulRefused(refused)
        return data
