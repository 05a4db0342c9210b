"""Shared plumbing of the codec: the decode context and the XSD value formats UWLR uses.

The formats are those of XML Schema 1.0 as the UWLR schemas use them: ``xs:date`` (``YYYY-MM-DD``),
``xs:dateTime`` (always written with an offset), ``xs:decimal`` (plain notation, never an exponent)
and ``xs:integer``. Parsers raise ``ValueError``; the field reader turns that into a fault or a
warning.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import NoReturn
from zoneinfo import ZoneInfo

from koppel.uwlr.faults import OngeldigBericht

__all__ = [
    "Context",
    "format_date",
    "format_datetime",
    "format_decimal",
    "parse_date",
    "parse_datetime",
    "parse_decimal",
    "parse_int",
]

# The standard is Dutch: a timestamp without an offset can only mean Dutch local time.
_NL = ZoneInfo("Europe/Amsterdam")
_DATE_TZ = re.compile(r"(?:Z|[+-]\d\d:\d\d)?")


class Context:
    """The state of one decode: strict or lenient, and the warnings collected so far."""

    __slots__ = ("_warnings", "strict")

    def __init__(self, *, strict: bool) -> None:
        self.strict = strict
        self._warnings: dict[str, None] = {}  # ordered and deduplicated: 1,500 pupils, one warning

    def tolerate(self, message: str) -> None:
        """A deviation a lenient decode accepts with a warning and a strict one refuses."""
        if self.strict:
            raise OngeldigBericht(message)
        self._warnings[message] = None

    def warn(self, message: str) -> None:
        self._warnings[message] = None

    @staticmethod
    def fail(message: str) -> NoReturn:
        raise OngeldigBericht(message)

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(self._warnings)


# --- formatting (encode) -------------------------------------------------------------------------


def format_date(value: dt.date) -> str:
    if isinstance(value, dt.datetime):
        raise ValueError(f"expected a date, not a datetime: {value!r}")
    return value.isoformat()


def format_datetime(value: dt.datetime) -> str:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r}: UWLR timestamps need an offset")
    return value.isoformat()


def format_decimal(value: Decimal) -> str:
    if not value.is_finite():
        raise ValueError(f"{value!r} is not a valid xs:decimal")
    return format(value, "f")


def format_int(value: int) -> str:
    return str(int(value))


# --- parsing (decode) -----------------------------------------------------------------------------


def parse_date(text: str) -> dt.date:
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    text = text.strip()
    # xs:date may carry a timezone, which has no meaning for a calendar date.
    if len(text) > 10 and not _DATE_TZ.fullmatch(text, 10):
        raise ValueError(text)
    return dt.date.fromisoformat(text[:10])


def parse_datetime(text: str) -> dt.datetime:
    """An aware UTC datetime; a value without offset is read as Dutch local time."""
    value = dt.datetime.fromisoformat(text.strip())
    if value.tzinfo is None:
        value = value.replace(tzinfo=_NL)
    return value.astimezone(dt.UTC)


def parse_decimal(text: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


def parse_int(text: str) -> int:
    text = text.strip()
    if "_" in text:  # Python accepts 1_000, XML Schema does not
        raise ValueError(text)
    return int(text)
