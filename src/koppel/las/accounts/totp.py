"""Two-step verification of LAS users with TOTP (RFC 6238): set up, confirm, check, switch off.

A user has at most one confirmed ``TOTPDevice`` (django-otp). Setting up creates an unconfirmed
device, shown as a QR code and as its secret in base32; a correct code from the app confirms it.
Checking a code relies on django-otp: exponential back-off per device after wrong codes
(``verify_is_allowed``) and no second use of a code (``last_t``). Writes lock the user's row, so
two tabs cannot end with two confirmed devices.
"""

from __future__ import annotations

import base64
import enum
from dataclasses import dataclass
from typing import Any

import django_otp
import qrcode
from django.contrib.auth.models import User
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathImage

from koppel.las.errors import InvalidState

DEVICE_NAME = "Koppel LAS"


class Outcome(enum.Enum):
    VERIFIED = "verified"
    WRONG = "wrong"
    THROTTLED = "throttled"
    """Too many wrong codes in a short time: django-otp refuses to check for a while."""


@dataclass(frozen=True, slots=True)
class LoginCheck:
    """The result of the second step of a log-in; ``user`` and ``device`` are set when verified."""

    outcome: Outcome | None
    user: User | None = None
    device: Any = None


def confirmed_device(user: User) -> Any:
    """The user's confirmed TOTP device, or ``None`` when two-step verification is off."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def unconfirmed_device(user: User) -> Any:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def has_two_step(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def check(device: Any, code: str) -> Outcome:
    """Check a code against one device, within django-otp's throttling."""
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        return Outcome.THROTTLED
    verified = django_otp.verify_token(device.user, device.persistent_id, code)
    return Outcome.WRONG if verified is None else Outcome.VERIFIED


def check_login(user_id: int, code: str) -> LoginCheck:
    """The second step of a log-in; ``outcome`` ``None``: the user or the device is gone."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    device = confirmed_device(user) if user is not None else None
    if device is None:
        return LoginCheck(None)
    outcome = check(device, code)
    if outcome is Outcome.VERIFIED:
        return LoginCheck(outcome, user, device)
    return LoginCheck(outcome)


def _lock(user: User) -> None:
    User.objects.select_for_update().filter(pk=user.pk).first()


@transaction.atomic
def start_setup(user: User) -> Any:
    """A new unconfirmed device (replacing an earlier unfinished one); refused when on already."""
    _lock(user)
    if has_two_step(user):
        raise InvalidState("Twee-staps-verificatie is al ingeschakeld.")
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


@transaction.atomic
def cancel_setup(user: User) -> None:
    _lock(user)
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()


@transaction.atomic
def confirm(user: User, code: str) -> tuple[Outcome, Any]:
    """Confirm the unconfirmed device with a code from the app; it becomes the only device."""
    _lock(user)
    device = unconfirmed_device(user)
    if device is None or has_two_step(user):
        raise InvalidState("Er wordt geen twee-staps-verificatie ingesteld.")
    outcome = check(device, code)
    if outcome is Outcome.VERIFIED:
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        device.refresh_from_db()
    return outcome, device


@transaction.atomic
def disable(user: User, code: str) -> Outcome:
    """Switch two-step verification off; only with a current code of the confirmed device."""
    _lock(user)
    device = confirmed_device(user)
    if device is None:
        raise InvalidState("Twee-staps-verificatie staat al uit.")
    outcome = check(device, code)
    if outcome is Outcome.VERIFIED:
        TOTPDevice.objects.filter(user=user).delete()
    return outcome


def qr_data_uri(device: Any) -> str:
    """The device's ``otpauth://`` address as an SVG QR code in a ``data:`` URI (for ``<img>``).

    An ``<img>`` keeps the SVG out of the page, so the Content-Security-Policy (no ``style``
    attributes, ``img-src 'self' data:``) holds whatever qrcode writes into it.
    """
    image = qrcode.make(device.config_url, image_factory=SvgPathImage, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


def secret_base32(device: Any) -> str:
    """The secret for typing into an app by hand, in groups of four characters."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
