"""The autorisatiesleutel at rest: encrypted with Fernet under ``settings.SLEUTEL_KEY``.

The EA must send the key to the LAS on every call, so it keeps the key itself, encrypted (see
docs/decisions/0007-ea-encrypted-autorisatiesleutel.md). Only the last four characters are stored
in the clear, so users recognise which key is set ("•••• 5ZIq"). Nothing here logs the key, and
no error message carries it.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from koppel.ea.errors import EaError

__all__ = ["SleutelOnleesbaar", "decrypt", "eind", "encrypt", "masker"]

EIND = 4


class SleutelOnleesbaar(EaError):
    """The stored key cannot be decrypted: ``KOPPEL_EA_SLEUTEL_KEY`` changed, or data damage."""

    def __init__(self) -> None:
        super().__init__(
            "De opgeslagen autorisatiesleutel kan niet meer worden gelezen. "
            "Plak de autorisatiesleutel uit het LAS opnieuw bij Koppelen met LAS."
        )


def _fernet() -> Fernet:
    try:
        return Fernet(settings.SLEUTEL_KEY)
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            "KOPPEL_EA_SLEUTEL_KEY is geen geldige Fernet-sleutel "
            "(32 bytes, url-safe base64; maak er een met Fernet.generate_key())."
        ) from error


def encrypt(sleutel: str) -> str:
    """The ciphertext (ASCII) to store in ``LasKoppeling.sleutel_versleuteld``."""
    return _fernet().encrypt(sleutel.encode()).decode("ascii")


def decrypt(versleuteld: str) -> str:
    """The key itself; only to build the UWLR client."""
    try:
        return _fernet().decrypt(versleuteld.encode("ascii")).decode()
    except (InvalidToken, UnicodeError) as error:
        raise SleutelOnleesbaar() from error


def eind(sleutel: str) -> str:
    """The last characters, stored in the clear to recognise the key."""
    return sleutel[-EIND:]


def masker(sleutel_eind: str) -> str:
    """How a stored key is shown: ``•••• 5ZIq``."""
    return f"•••• {sleutel_eind}"
