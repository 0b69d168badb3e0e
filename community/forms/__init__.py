"""The community's forms: what the pages ask, typed; the rules are the services'."""

from sheatufim.translated import LANGUAGE_CODES
from sheatufim.translated_forms import version_name


def initial_of(obj, names, translated=()) -> dict:
    """A form's initial values from an object: its fields and its texts' versions."""
    initial = {name: getattr(obj, name) for name in names if name != "translations"}
    for field in translated:
        for lang in LANGUAGE_CODES:
            initial[version_name(field, lang)] = obj.version(field, lang)
    return initial
