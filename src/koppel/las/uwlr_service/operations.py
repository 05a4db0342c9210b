"""The four pupil-data operations for an authorised call: fetch, decide, build.

Each returns the answer and the number of pupils it carries (for the audit).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from koppel.las.school.selectors import heeft_leerlingen, laatste_wijziging
from koppel.las.uwlr_service import build, decisions, selectors
from koppel.uwlr import messages as m

Basis = m.LeerlinggegevensVerzoek | m.StructuurVerzoek | m.LeerlingenVerzoek | m.LeerkrachtenVerzoek


@dataclass(frozen=True, slots=True, kw_only=True)
class Toegang:
    """What ``authorise`` grants: one active coupling of one partner with one school."""

    koppeling_id: int
    partner_id: int
    profiel: str
    school_id: int
    school: build.SchoolGegevens
    operatie: str
    remote_addr: str | None


def _context(t: Toegang, verzoek: Basis, now: dt.datetime) -> build.Context:
    return build.Context(
        profiel=t.profiel, xsdversie=verzoek.xsdversie, now=now, auteur=settings.UWLR_AUTEUR
    )


def _leeg(
    t: Toegang, verzoek: Basis, *, heeft_gegevens: bool, now: dt.datetime
) -> decisions.Leeg | None:
    today = timezone.localdate(now)
    return decisions.lege_inhoud(
        gevraagd_schooljaar=verzoek.schooljaar,
        schooljaar=t.school.schooljaar,
        heeft_gegevens=heeft_gegevens,
        laatste_wijziging=laatste_wijziging(t.school_id, today=today),
        laatstontvangen=verzoek.laatstontvangengegevens,
    )


def _heeft_leerlingen(t: Toegang, now: dt.datetime) -> bool:
    return heeft_leerlingen(t.school_id, today=timezone.localdate(now))


def leerlinggegevens(
    t: Toegang, verzoek: m.LeerlinggegevensVerzoek, *, now: dt.datetime
) -> tuple[m.LeerlinggegevensAntwoord, int]:
    leeg = _leeg(t, verzoek, heeft_gegevens=_heeft_leerlingen(t, now), now=now)
    if leeg is not None:
        return m.LeerlinggegevensAntwoord(inhoud=leeg), 0
    ctx, today = _context(t, verzoek, now), timezone.localdate(now)
    structuur = selectors.structuur(t.school_id)
    keys = structuur.keys()
    lln = build.leerlingen(
        selectors.leerlingen(t.school_id, today=today),
        ctx,
        keys=keys,
        lidmaatschap=selectors.leerling_samengestelde_groepen(t.school_id),
    )
    lkn = build.leerkrachten(
        selectors.leerkrachten(t.school_id),
        ctx,
        keys=keys,
        lidmaatschap=selectors.leerkracht_groepen(t.school_id),
    )
    gegevens = m.Leerlinggegevens(
        school=build.school(t.school, ctx, peildatum=today),
        groepen=build.groepen(structuur, ctx),
        leerlingen=lln,
        leerkrachten=lkn,
    )
    return m.LeerlinggegevensAntwoord(inhoud=gegevens), len(lln)


def structuur(
    t: Toegang, verzoek: m.StructuurVerzoek, *, now: dt.datetime
) -> tuple[m.StructuurAntwoord, int]:
    data = selectors.structuur(t.school_id)
    heeft = bool(data.groepen or data.samengestelde_groepen) or _heeft_leerlingen(t, now)
    leeg = _leeg(t, verzoek, heeft_gegevens=heeft, now=now)
    if leeg is not None:
        return m.StructuurAntwoord(inhoud=leeg), 0
    ctx = _context(t, verzoek, now)
    inhoud = m.LeerlinggegevensStructuur(
        school=build.school(t.school, ctx, peildatum=timezone.localdate(now)),
        groepen=build.groepen(data, ctx),
    )
    return m.StructuurAntwoord(inhoud=inhoud), 0


def leerlingen(
    t: Toegang, verzoek: m.LeerlingenVerzoek, *, now: dt.datetime
) -> tuple[m.LeerlingenAntwoord, int]:
    data = selectors.structuur(t.school_id)
    keuze = decisions.selectie(verzoek.groepen, data)
    leeg = _leeg(t, verzoek, heeft_gegevens=_heeft_leerlingen(t, now), now=now)
    if leeg is not None:
        return m.LeerlingenAntwoord(inhoud=leeg), 0
    ctx, today = _context(t, verzoek, now), timezone.localdate(now)
    rows = selectors.leerlingen(t.school_id, today=today, selectie=keuze)
    if not rows:  # the answer must hold at least one pupil
        return m.LeerlingenAntwoord(inhoud=m.GeenGegevens()), 0
    lln = build.leerlingen(
        rows,
        ctx,
        keys=data.keys(),
        lidmaatschap=selectors.leerling_samengestelde_groepen(t.school_id),
    )
    inhoud = m.LeerlinggegevensLeerlingen(
        school=build.school(t.school, ctx, peildatum=today), leerlingen=lln
    )
    return m.LeerlingenAntwoord(inhoud=inhoud), len(lln)


def leerkrachten(
    t: Toegang, verzoek: m.LeerkrachtenVerzoek, *, now: dt.datetime
) -> tuple[m.LeerkrachtenAntwoord, int]:
    data = selectors.structuur(t.school_id)
    keuze = decisions.selectie(verzoek.groepen, data)
    leeg = _leeg(t, verzoek, heeft_gegevens=_heeft_leerlingen(t, now), now=now)
    if leeg is not None:
        return m.LeerkrachtenAntwoord(inhoud=leeg), 0
    ctx = _context(t, verzoek, now)
    lkn = build.leerkrachten(
        selectors.leerkrachten(t.school_id, selectie=keuze),
        ctx,
        keys=data.keys(),
        lidmaatschap=selectors.leerkracht_groepen(t.school_id),
    )
    inhoud = m.LeerlinggegevensLeerkrachten(
        school=build.school(t.school, ctx, peildatum=timezone.localdate(now)), leerkrachten=lkn
    )
    return m.LeerkrachtenAntwoord(inhoud=inhoud), 0
