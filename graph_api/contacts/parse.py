"""Contact data as typed: e-mail addresses and phone numbers parsed by maintained libraries.

Messages name the field and never repeat the value: what was typed may be personal data,
and error messages end up in logs and screenshots.
"""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from graph_api.validation import Checker

MAX_EMAIL = 254  # RFC 5321's limit for a path
MAX_PHONE = 40
# Demo data uses +31 6 9999 xxxx: the 06-range the Dutch numbering plan gives to mobile
# numbers is 061-065 and 068, so 069999xxxx reaches no one. libphonenumber rightly calls such
# a number invalid; accepting exactly this block lets demo data be saved back unchanged.
DEMO_PHONE = re.compile(r"^\+3169999\d{4}$")
_POSTCODE = re.compile(r"^([1-9][0-9]{3}) ?([A-Za-z]{2})$")


def email(check: Checker, field: str, value: str | None) -> str | None:
    """The address normalised (domain in lower case, Unicode NFC), or None with a problem.
    Syntax only: no DNS lookups in a request."""
    if value is None:
        return None
    value = value.strip()
    if len(value) > MAX_EMAIL:
        check.add(field, f"`{field}` is longer than {MAX_EMAIL} characters.")
        return None
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        check.add(field, f"`{field}` is not a valid e-mail address.")
        return None


def phone(check: Checker, field: str, value: str | None) -> str | None:
    """The number in E.164 (+31201234567). Without a country code it is read as Dutch
    (020 123 4567); foreign numbers need their +code."""
    if value is None:
        return None
    value = value.strip()
    if len(value) > MAX_PHONE:
        check.add(field, f"`{field}` is longer than {MAX_PHONE} characters.")
        return None
    try:
        number = phonenumbers.parse(value, "NL")
    except phonenumbers.NumberParseException:
        number = None
    if number is not None:
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if phonenumbers.is_valid_number(number) or DEMO_PHONE.match(e164):
            return e164
    check.add(field, f"`{field}` is not a valid phone number (e.g. 020 123 4567 or +32 ...).")
    return None


def postcode(check: Checker, field: str, value: str | None) -> str | None:
    """A Dutch postcode as written on letters: 1012 AB."""
    if value is None:
        return None
    found = _POSTCODE.match(value.strip())
    if not found:
        check.add(field, f"`{field}` is not a Dutch postcode (1012 AB).")
        return None
    return f"{found.group(1)} {found.group(2).upper()}"
