"""Reads of partners and couplings: the key check of a UWLR call, and the school's Beheer pages
(its couplings, a partner's rights, the Gegevenstoegang audit with its filters)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet

from koppel.common.web.exports import in_periode
from koppel.las.koppelingen import keys
from koppel.las.koppelingen.models import (
    GKV_RECHTEN,
    Gegevenstoegang,
    Koppeling,
    Koppelpartner,
    Recht,
)
from koppel.las.school.models import School


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


def heeft_gkv_recht(partner_id: int) -> bool:
    """Whether the partner has a GKV right (basis or uitgebreid), whatever its dates."""
    return Recht.objects.filter(partner_id=partner_id, soort__in=GKV_RECHTEN).exists()


# --- the school's Beheer pages ----------------------------------------------------------------


def koppelingen_van_school(school: School) -> QuerySet[Koppeling]:
    """The school's couplings, by partner name ("Beheer → Koppelingen"); only this school's."""
    return (
        Koppeling.objects.filter(school=school)
        .select_related("partner", "school")
        .order_by("partner__naam", "pk")
    )


def rechten_van_partner(partner_id: int) -> QuerySet[Recht]:
    """The web services a partner may use, as the koppeling page lists them."""
    return Recht.objects.filter(partner_id=partner_id).order_by("soort", "begindatum")


@dataclass(frozen=True, slots=True, kw_only=True)
class ToegangFilter:
    """The filters of the Gegevenstoegang page; ``None`` means no filter."""

    partner_id: int | None = None
    operatie: str | None = None
    uitkomst: str | None = None
    van: dt.date | None = None
    tot: dt.date | None = None


def toegang_van_school(school: School, filters: ToegangFilter) -> QuerySet[Gegevenstoegang]:
    """The school's audit rows, newest first; ``van`` and ``tot`` are whole local days."""
    rows = Gegevenstoegang.objects.filter(school=school).select_related("partner")
    if filters.partner_id is not None:
        rows = rows.filter(partner_id=filters.partner_id)
    if filters.operatie:
        rows = rows.filter(operatie=filters.operatie)
    if filters.uitkomst:
        rows = rows.filter(uitkomst=filters.uitkomst)
    rows = in_periode(rows, "tijdstip", van=filters.van, tot=filters.tot)
    return rows.order_by("-tijdstip", "-pk")


def toegang_keuzes(school: School) -> dict[str, list[tuple[str, str]]]:
    """The values the filters of the school's audit offer: partners, operations and outcomes."""
    rows = Gegevenstoegang.objects.filter(school=school)
    partners = (
        Koppelpartner.objects.filter(toegang__school=school).distinct().order_by("naam", "pk")
    )
    return {
        "koppelpartij": [(str(p.pk), p.naam) for p in partners],
        "operatie": _distinct(rows, "operatie"),
        "uitkomst": _distinct(rows, "uitkomst"),
    }


def _distinct(rows: QuerySet[Gegevenstoegang], veld: str) -> list[tuple[str, str]]:
    values = rows.order_by(veld).values_list(veld, flat=True).distinct()
    return [(v, v) for v in values]
