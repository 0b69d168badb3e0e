"""Text as it enters the platform (forms, API, imports) and as it leaves it in plain text.

Two characters classes cause harm and have no use in what people type here:
- NUL, which PostgreSQL cannot store or compare: text holding one is refused, with Django's
  own (translated) message.
- The bidi embedding and override controls (LRE, RLE, PDF, LRO, RLO: "Trojan Source"), which
  reorder whatever follows them on the line: they are removed. Isolates (LRI, RLI, FSI, PDI)
  and the marks (LRM, RLM, ALM) are kept: they only affect the text they enclose.

Outputs that are not HTML (spreadsheets, e-mail text, admin's plain strings) wrap user text
in FSI…PDI with `isolate`, as templates do with <bdi>.
"""

from django.core.validators import ProhibitNullCharactersValidator

NUL = "\x00"
BIDI_OVERRIDES = "\u202a\u202b\u202c\u202d\u202e"
FSI, PDI = "\u2068", "\u2069"

_REMOVE_OVERRIDES = str.maketrans("", "", BIDI_OVERRIDES)
_refuse_nul = ProhibitNullCharactersValidator()


def has_nul(value) -> bool:
    return isinstance(value, str) and NUL in value


def refuse_nul(value) -> None:
    """Raise Django's ValidationError (code "null_characters_not_allowed") for a NUL."""
    if has_nul(value):
        _refuse_nul(value)


def strip_overrides(value: str) -> str:
    return value.translate(_REMOVE_OVERRIDES)


def clean_text(value: str) -> str:
    """The one cleaning of entered text: NUL refused, bidi overrides removed."""
    refuse_nul(value)
    return strip_overrides(value)


def isolate(value) -> str:
    """User text for a plain-text line beside other text: its direction stays its own."""
    if value is None or value == "":
        return "" if value is None else value
    return f"{FSI}{strip_overrides(str(value))}{PDI}"
