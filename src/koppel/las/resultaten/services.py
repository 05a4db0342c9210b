"""Storing a BrengLeerresultaten message: all or nothing, idempotent per result key."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from koppel.las.resultaten import rules
from koppel.las.resultaten.models import Resultaat, Toets
from koppel.las.school.models import Leerling
from koppel.uwlr import messages as m

_UPDATE_FIELDS = [
    "leerling",
    "toets",
    "toetsonderdeelcode",
    "afnamedatum",
    "score",
    "uitslag",
    "infourl",
    "resultaatverwerkerid",
    "ontvangen_op",
    "mutatiedatum",
]


def _jsonable(value: object) -> object:
    if isinstance(value, Decimal | dt.date):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items() if v not in (None, ())}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def as_json(message: object) -> object:
    """A dataclass message as JSON-ready data (decimals and dates as strings, empties dropped)."""
    return _jsonable(dataclasses.asdict(message))  # type: ignore[call-overload]


_Index = dict[str, rules.BekendeLeerling]


def _bekende_leerlingen(school_id: int, verzoek: m.LeerresultatenVerzoek) -> tuple[_Index, _Index]:
    ids = {a.leerlingid for a in verzoek.toetsafnames}
    eckids = {a.eckid for a in verzoek.toetsafnames if a.eckid}
    rows = Leerling.objects.filter(Q(key__in=ids) | Q(eckid__in=eckids), school_id=school_id)
    bekend = [rules.BekendeLeerling(*row) for row in rows.values_list("pk", "key", "eckid")]
    return {b.key: b for b in bekend}, {b.eckid: b for b in bekend if b.eckid}


def _store_toetsen(partner_id: int, toetsen: tuple[m.Toets, ...]) -> dict[str, int]:
    ids = {}
    for toets in toetsen:
        row, _ = Toets.objects.update_or_create(
            partner_id=partner_id,
            toetscode=toets.toetscode.waarde,
            defaults={
                "toetsnaam": toets.toetsnaam or "",
                "versie": toets.versie.waarde if toets.versie else "",
                "leerjaar": toets.leerjaar.waarde if toets.leerjaar else "",
                "vakgebied": toets.vakgebied.waarde if toets.vakgebied else "",
                "definitie": as_json(toets),
            },
        )
        ids[toets.toetscode.waarde] = row.pk
    return ids


@transaction.atomic
def store_leerresultaten(
    *, partner_id: int, school_id: int, verzoek: m.LeerresultatenVerzoek
) -> int:
    """Check and store every result of the message, or none (raises the UWLR fault).

    Returns the number of pupils the message was about.
    """
    rules.check_verzoek(verzoek)
    by_key, by_eckid = _bekende_leerlingen(school_id, verzoek)
    leerlingen = [rules.match_leerling(a, by_key, by_eckid) for a in verzoek.toetsafnames]
    toetsen = _store_toetsen(partner_id, verzoek.toetsen)
    now = timezone.now()
    rows = [
        _resultaat(
            r,
            partner_id=partner_id,
            school_id=school_id,
            leerling_id=leerling_id,
            toets_id=toetsen[r.toetscode],
            afname=afname,
            now=now,
        )
        for afname, leerling_id in zip(verzoek.toetsafnames, leerlingen, strict=True)
        for r in afname.resultaten
    ]
    Resultaat.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["partner", "school", "key"],
        update_fields=_UPDATE_FIELDS,
    )
    return len(verzoek.toetsafnames)


def _uitslag(uitslag: m.Score | m.OsoResultaat | m.AnderResultaat) -> object:
    return {"soort": type(uitslag).__name__, "waarden": as_json(uitslag)}


def _resultaat(
    r: m.Resultaat,
    *,
    partner_id: int,
    school_id: int,
    leerling_id: int,
    toets_id: int,
    afname: m.Toetsafname,
    now: dt.datetime,
) -> Resultaat:
    score = r.uitslag.waarde if isinstance(r.uitslag, m.Score) else None
    return Resultaat(
        partner_id=partner_id,
        school_id=school_id,
        leerling_id=leerling_id,
        toets_id=toets_id,
        key=r.key,
        toetsonderdeelcode=r.toetsonderdeelcode or "",
        afnamedatum=r.afnamedatum,
        score=score,
        uitslag=None if score is not None else _uitslag(r.uitslag),
        infourl=r.infourl or "",
        resultaatverwerkerid=afname.resultaatverwerkerid or "",
        ontvangen_op=now,
        mutatiedatum=now,
    )
