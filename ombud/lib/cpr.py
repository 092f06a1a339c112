"""CPR numbers (Danish personal identification numbers): normalising, validating and masking.

Pure functions; no Django imports. The modulus-11 check is not applied because CPR numbers
issued since 2007 need not satisfy it.
"""

import re
from datetime import date

_CPR_RE = re.compile(r"^(\d{2})(\d{2})(\d{2})-?(\d{4})$")


class InvalidCPRError(ValueError):
    pass


def normalise_cpr(raw: str) -> str:
    """Return the CPR number as ten digits, or raise InvalidCPRError."""
    value = raw.strip().replace(" ", "")
    match = _CPR_RE.match(value)
    if not match:
        raise InvalidCPRError(raw)
    day, month, year, serial = match.groups()
    try:
        date(2000 + int(year) if int(year) < 100 else int(year), int(month), int(day))
    except ValueError:
        # 29 February in a year we cannot place; accept it only if it exists in a leap year.
        if not (day == "29" and month == "02"):
            raise InvalidCPRError(raw) from None
    return f"{day}{month}{year}{serial}"


def mask_cpr(digits: str) -> str:
    """Show the date of birth and hide the serial: 010190-****."""
    if len(digits) != 10:
        return "******-****"
    return f"{digits[:6]}-****"


def format_cpr(digits: str) -> str:
    return f"{digits[:6]}-{digits[6:]}" if len(digits) == 10 else digits
