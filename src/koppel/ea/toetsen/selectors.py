"""Reads of the toetsen pages: the catalogue, the test sessions (afnames) a user may see, the rows
of the score form and the steps of the test-taking page.

A user sees the afnames of the pupils :func:`koppel.ea.klanten.selectors.eigen_leerlingen` gives:
every pupil of the school for a beheerder, the own groups' pupils for a leerkracht. Anything else
is :class:`~koppel.ea.errors.NotFound`, which the views turn into a 404.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from koppel.ea.accounts.models import Rol
from koppel.ea.errors import InvalidState, NotFound
from koppel.ea.klanten.models import Groep, Leerling
from koppel.ea.klanten.selectors import eigen_groepen, eigen_leerlingen
from koppel.ea.toetsen.models import (
    DEFINITIEF,
    UITGENODIGD,
    Afname,
    Norm,
    Opgave,
    Toets,
    Toetsonderdeel,
)

ONBEKEND = "Deze leerling bestaat niet of hoort niet bij je groepen."
GEEN_TOETS = "Deze toets bestaat niet (meer) of is gesloten."


@dataclass(frozen=True, slots=True, kw_only=True)
class ScoreRegel:
    """One onderdeel of an afname on the score page."""

    onderdeel: Toetsonderdeel
    ruwe_score: int | None
    norm: Norm | None
    bron: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Stap:
    """One onderdeel of the test-taking page, with the answers saved so far."""

    onderdeel: Toetsonderdeel
    opgaven: list[Opgave]
    antwoorden: dict[int, int]
    vorige: int | None
    volgende: int | None


def actieve_toetsen() -> QuerySet[Toets]:
    return Toets.objects.filter(actief=True).order_by("naam")


def toets(pk: int | str) -> Toets:
    gevonden = actieve_toetsen().filter(pk=pk).first() if str(pk).isdigit() else None
    if gevonden is None:
        raise NotFound(GEEN_TOETS)
    return gevonden


def leerlingen(rol: Rol, ids: Iterable[int]) -> list[Leerling]:
    """The pupils ``ids`` in list order; :class:`NotFound` when one is not the user's."""
    gevraagd = set(ids)
    gevonden = list(eigen_leerlingen(rol).filter(pk__in=gevraagd))
    if len(gevonden) != len(gevraagd):
        raise NotFound(ONBEKEND)
    return gevonden


def leerling(rol: Rol, pk: int) -> Leerling:
    return leerlingen(rol, [pk])[0]


def groep(rol: Rol, pk: int) -> Groep:
    gevonden = eigen_groepen(rol).filter(pk=pk).first()
    if gevonden is None:
        raise NotFound("Deze groep bestaat niet of is niet een van je groepen.")
    return gevonden


def leerlingen_van_groep(rol: Rol, groep: Groep) -> list[Leerling]:
    """The user's active pupils in ``groep`` (stamgroep or samengestelde groep)."""
    in_groep = Leerling.objects.filter(Q(groep=groep) | Q(samengestelde_groepen=groep))
    return list(eigen_leerlingen(rol).filter(pk__in=in_groep.values("pk")))


def afnames_van(rol: Rol) -> QuerySet[Afname]:
    """Every afname of the user's pupils."""
    zichtbaar = eigen_leerlingen(rol).values("pk")
    return Afname.objects.filter(klant=rol.klant, leerling__in=zichtbaar)


def afname(rol: Rol, pk: int) -> Afname:
    gevonden = afnames_van(rol).select_related("leerling", "toets").filter(pk=pk).first()
    if gevonden is None:
        raise NotFound("Deze afname bestaat niet of hoort niet bij je leerlingen.")
    return gevonden


def open_afnames(leerling: Leerling) -> list[Afname]:
    """The pupil's afnames that are not final yet, by test name."""
    return list(
        leerling.afnames.exclude(status=DEFINITIEF).select_related("toets").order_by("toets__naam")
    )


def score_regels(afname: Afname) -> list[ScoreRegel]:
    scores = {s.onderdeel_id: s for s in afname.scores.select_related("norm")}
    regels = []
    for onderdeel in afname.toets.onderdelen.all():
        score = scores.get(onderdeel.pk)
        regels.append(
            ScoreRegel(
                onderdeel=onderdeel,
                ruwe_score=score.ruwe_score if score else None,
                norm=score.norm if score else None,
                bron=score.get_bron_display() if score else "",
            )
        )
    return regels


def lopende_afname(pk: int | None) -> Afname:
    """The afname a pupil is taking (from the session); only while it is Uitgenodigd."""
    if pk is None:
        return lopend(None)
    return lopend(Afname.objects.select_related("toets", "leerling").filter(pk=pk).first())


def lopend(gevonden: Afname | None) -> Afname:
    """``gevonden`` when it can be taken; else NotFound (none) or InvalidState (handed in)."""
    if gevonden is None:
        raise NotFound("Er is geen toets gestart. Vul je inlogcode in.")
    if gevonden.status != UITGENODIGD:
        raise InvalidState("Deze toets is ingeleverd of al door je leerkracht gescoord.")
    return gevonden


def onderdelen_met_opgaven(afname: Afname) -> list[Toetsonderdeel]:
    """The onderdelen a pupil answers on the test-taking page (those with opgaven)."""
    return list(afname.toets.onderdelen.filter(opgaven__isnull=False).distinct())


def stap(afname: Afname, volgnummer: int) -> Stap:
    """The step of onderdeel ``volgnummer``; :class:`NotFound` when it has no opgaven."""
    onderdelen = onderdelen_met_opgaven(afname)
    nummers = [o.volgnummer for o in onderdelen]
    if volgnummer not in nummers:
        raise NotFound("Dit onderdeel bestaat niet in deze toets.")
    index = nummers.index(volgnummer)
    onderdeel = onderdelen[index]
    antwoorden = afname.antwoorden.filter(opgave__onderdeel=onderdeel)
    return Stap(
        onderdeel=onderdeel,
        opgaven=list(onderdeel.opgaven.all()),
        antwoorden=dict(antwoorden.values_list("opgave_id", "keuze")),
        vorige=nummers[index - 1] if index > 0 else None,
        volgende=nummers[index + 1] if index + 1 < len(nummers) else None,
    )


def onbeantwoord(afname: Afname) -> int:
    """How many opgaven of the test the pupil has not answered yet."""
    opgaven = Opgave.objects.filter(onderdeel__toets=afname.toets).count()
    return opgaven - afname.antwoorden.count()
