"""Reads of partners and couplings, including the key check of a UWLR call."""

from __future__ import annotations

from django.conf import settings

from koppel.las.koppelingen import keys
from koppel.las.koppelingen.models import Koppeling, Koppelpartner


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
