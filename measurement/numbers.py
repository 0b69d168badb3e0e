"""How a number reads on a page: a plain decimal (never 1.7E+2), grouped as the language groups.

Forms take `plain` for their initial values (an input cannot read an exponent); templates take
the `number` filter of measurement/templatetags/values.py, which calls `number_text`.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats


def plain(value):
    """The same number without exponent or trailing zeros: 170.000000 → 170, 0.50 → 0.5.

    Decimal.normalize() alone turns 170 into 1.7E+2, which a number input shows as is."""
    if not isinstance(value, Decimal) or not value.is_finite():
        return value
    value = value.normalize()
    return value.quantize(Decimal(1)) if value.as_tuple().exponent > 0 else value


def number_text(value, decimals: int | None = None) -> str:
    """`value` with `decimals` places (rounded half up), or as many as it has when None, with the
    active language's decimal and thousand separators. "" for no value."""
    if value is None or value == "":
        return ""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    if decimals is None:
        number = plain(number)
    else:
        number = number.quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUND_HALF_UP)
    if number == 0:
        number = abs(number)  # -0.4 rounded to no decimals reads 0, not -0
    return formats.number_format(number, decimal_pos=decimals, use_l10n=True, force_grouping=True)
