"""Login codes: what a pupil types on ``/toets/`` to start an invited test.

A code is eight characters from an alphabet without the look-alikes 0/O and 1/I, drawn with
:mod:`secrets` (32^8, about 10^12 codes), shown as ``ABCD-EFGH``. Only an HMAC-SHA256 digest keyed
with the project's ``SECRET_KEY`` is stored, so a copy of the database does not reveal a code;
a typed code is normalised (case, spaces, dashes) and found by its digest.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

from koppel.ea.toetsen.models import UITGENODIGD, Afname

ALFABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTE = 8
_CONTEXT = b"koppel.ea.toetsen.inlogcode:"

__all__ = [
    "ALFABET", "LENGTE", "digest", "is_code", "nieuwe_code", "normaliseer", "toon", "vrije_codes",
]  # fmt: skip


def nieuwe_code() -> str:
    """A fresh random code of :data:`LENGTE` characters (without the dash)."""
    return "".join(secrets.choice(ALFABET) for _ in range(LENGTE))


def normaliseer(invoer: str) -> str:
    """What the pupil typed, as a code: upper case, without spaces and dashes."""
    return "".join(teken for teken in invoer.upper() if teken not in " -\t")


def is_code(code: str) -> bool:
    """Whether a normalised ``code`` can be a code at all (length and alphabet)."""
    return len(code) == LENGTE and all(teken in ALFABET for teken in code)


def digest(code: str) -> str:
    """The stored form of a normalised ``code``: hex HMAC-SHA256 under the secret key."""
    sleutel = settings.SECRET_KEY.encode()
    return hmac.new(sleutel, _CONTEXT + code.encode(), hashlib.sha256).hexdigest()


def toon(code: str) -> str:
    """``ABCD-EFGH``: easier to read aloud and to type."""
    helft = LENGTE // 2
    return f"{code[:helft]}-{code[helft:]}"


def vrije_codes(aantal: int) -> list[str]:
    """``aantal`` fresh codes, none of them the code of another open afname."""
    codes: set[str] = set()
    while len(codes) < aantal:
        kandidaten = {nieuwe_code() for _ in range(aantal - len(codes))}
        digests = {digest(c): c for c in kandidaten}
        in_gebruik = Afname.objects.filter(inlogcode_digest__in=digests, status=UITGENODIGD)
        bezet = set(in_gebruik.values_list("inlogcode_digest", flat=True))
        codes |= {c for d, c in digests.items() if d not in bezet}
    return list(codes)
