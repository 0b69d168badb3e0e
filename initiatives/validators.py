from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def israeli_check_digit_ok(digits: str) -> bool:
    """The check digit shared by Israeli ID and corporation numbers (a Luhn variant)."""
    total = 0
    for position, char in enumerate(digits):
        product = int(char) * (1 if position % 2 == 0 else 2)
        total += product - 9 if product > 9 else product
    return total % 10 == 0


def validate_registration_number(value: str) -> None:
    """A registrar number: nine digits with a valid check digit (e.g. 580123456 for a nonprofit)."""
    if not (value.isascii() and value.isdigit() and len(value) == 9):
        raise ValidationError(
            _("A registration number has exactly nine digits."), code="registration_format"
        )
    if not israeli_check_digit_ok(value):
        raise ValidationError(
            _("This registration number's check digit is wrong; please check the number."),
            code="registration_check_digit",
        )
