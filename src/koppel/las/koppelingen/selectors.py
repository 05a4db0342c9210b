"""Reads of partners and couplings, including the key check of a UWLR call."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q

from koppel.las.koppelingen import keys
from koppel.las.koppelingen.models import Koppeling, Koppelpartner, Recht


def partner_by_klant(*, klantnaam: str, klantcode: str) -> Koppelpartner | None:
    """The partner both identifiers belong to, else ``None``."""
    partner = Koppelpartner.objects.filter(klantcode=klantcode).first()
    if partner is None or partner.naam != klantnaam:
        return None
    return partner


def active_koppeling_by_key(*, partner_id: int, autorisatiesleutel: str) -> Koppeling | None:
    """The active coupling of this partner the key belongs to (looked up by digest, then
    compared in constant time), with its school."""
    pepper = settings.KOPPEL_KEY_PEPPER
    koppeling = (
        Koppeling.objects.select_related("school")
        .filter(
            sleutel_digest=keys.digest(autorisatiesleutel, pepper),
            actief=True,
            partner_id=partner_id,
        )
        .first()
    )
    if koppeling is None or not keys.matches(autorisatiesleutel, koppeling.sleutel_digest, pepper):
        return None
    return koppeling


def heeft_recht(partner_id: int, soort: str, *, today: dt.date) -> bool:
    """Whether the partner's right ``soort`` counts on ``today`` (einddatum included)."""
    return (
        Recht.objects.filter(partner_id=partner_id, soort=soort, begindatum__lte=today)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=today))
        .exists()
    )
