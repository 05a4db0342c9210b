"""Reads for the home page "Mijn leerlingen": which pupils a user sees, filtered, and their rows.

A beheerder sees every active pupil of the school (klant); a leerkracht only the pupils of the
groups of the own :class:`~koppel.ea.klanten.models.Leerkracht` record (stamgroep or samengestelde
groep). Deactivated pupils are never listed. The Test filter keeps the pupils with a test session
(afname) of that test; a status tab keeps those with an afname in that status (of the chosen test,
if any), and each tab counts them. The row helpers are pure functions over plain values.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from koppel.ea.accounts.models import Rol
from koppel.ea.klanten.models import JAARGROEPEN, Groep, Leerkracht, Leerling
from koppel.ea.toetsen.models import STATUSSEN, Afname

#: The tabs of the home page, in the manual's order: (status, label).
STATUS_TABS = tuple(STATUSSEN)


@dataclass(frozen=True, slots=True, kw_only=True)
class LeerlingFilter:
    """The criteria of the filters and the search field; empty means "all"."""

    zoek: str = ""
    groep_id: int | None = None
    jaargroep: str = ""
    toets_id: int | None = None
    status: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class LeerlingRij:
    """One row of the list, ready to show."""

    pk: int
    initialen: str
    naam: str
    leerlingnummer: str
    groep: str
    jaargroep: str
    toetsen: tuple[str, ...] = ()


def eigen_groepen(rol: Rol) -> QuerySet[Groep]:
    """The active groups the user may see: all of the school, or a leerkracht's own."""
    groepen = Groep.objects.filter(klant=rol.klant, actief=True)
    if rol.is_beheerder:
        return groepen
    leerkracht = Leerkracht.objects.filter(klant=rol.klant, user_id=rol.user_id, actief=True)
    return groepen.filter(leerkrachten__in=leerkracht).distinct()


def eigen_leerlingen(rol: Rol) -> QuerySet[Leerling]:
    """The active pupils the user may see (see the module docstring)."""
    leerlingen = Leerling.objects.filter(klant=rol.klant, actief=True)
    if not rol.is_beheerder:
        groepen = eigen_groepen(rol).values("pk")
        in_groep = Leerling.objects.filter(
            Q(groep__in=groepen) | Q(samengestelde_groepen__in=groepen)
        )
        leerlingen = leerlingen.filter(pk__in=in_groep.values("pk"))
    return leerlingen.select_related("groep").order_by("achternaam", "roepnaam", "pk")


def gefilterd(rows: QuerySet[Leerling], criteria: LeerlingFilter) -> QuerySet[Leerling]:
    """``rows`` narrowed by test, groep, jaargroep and every word of the search text (not by
    status: see :func:`met_status`)."""
    if criteria.toets_id is not None:
        rows = rows.filter(pk__in=_afnames(criteria.toets_id).values("leerling_id"))
    if criteria.groep_id is not None:
        in_groep = Leerling.objects.filter(
            Q(groep_id=criteria.groep_id) | Q(samengestelde_groepen__id=criteria.groep_id)
        )
        rows = rows.filter(pk__in=in_groep.values("pk"))
    if criteria.jaargroep:
        rows = rows.filter(jaargroep=criteria.jaargroep)
    for woord in criteria.zoek.split():
        rows = rows.filter(
            Q(leerlingnummer__icontains=woord)
            | Q(roepnaam__icontains=woord)
            | Q(achternaam__icontains=woord)
        )
    return rows


def jaargroepen(rows: QuerySet[Leerling]) -> list[tuple[str, str]]:
    """The jaargroepen (code, label) that occur among ``rows``, in the order of the choices."""
    aanwezig = set(rows.exclude(jaargroep="").values_list("jaargroep", flat=True))
    return [(code, label) for code, label in JAARGROEPEN if code in aanwezig]


def _afnames(toets_id: int | None) -> QuerySet[Afname]:
    afnames = Afname.objects.all()
    return afnames if toets_id is None else afnames.filter(toets_id=toets_id)


def met_status(rows: QuerySet[Leerling], criteria: LeerlingFilter) -> QuerySet[Leerling]:
    """``rows`` with an afname in the status of the chosen tab (of the chosen test, if any)."""
    if not criteria.status:
        return rows
    afnames = _afnames(criteria.toets_id).filter(status=criteria.status)
    return rows.filter(pk__in=afnames.values("leerling_id"))


def tellingen_per_status(
    rows: QuerySet[Leerling], toets_id: int | None = None
) -> list[tuple[str, str, int]]:
    """``(status, label, count)`` per tab: how many of ``rows`` have an afname in that status
    (of test ``toets_id`` when given). A pupil with afnames in two statuses counts in both."""
    afnames = _afnames(toets_id).filter(leerling__in=rows.values("pk"))
    aantallen = dict(
        afnames.values("status")
        .annotate(n=Count("leerling", distinct=True))
        .values_list("status", "n")
    )
    return [(status, label, aantallen.get(status, 0)) for status, label in STATUS_TABS]


def toetsen_per_leerling(leerling_ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    """The abbreviations of each pupil's tests (any status), in alphabetical order."""
    paren = (
        Afname.objects.filter(leerling_id__in=list(leerling_ids))
        .values_list("leerling_id", "toets__afkorting")
        .distinct()
    )
    per_leerling: dict[int, set[str]] = {}
    for leerling_id, afkorting in paren:
        per_leerling.setdefault(leerling_id, set()).add(afkorting)
    return {pk: tuple(sorted(afkortingen)) for pk, afkortingen in per_leerling.items()}


def initialen(roepnaam: str, achternaam: str) -> str:
    """``AA`` for Arent Acikbas: the first letters of roepnaam and achternaam."""
    return "".join(deel.strip()[:1] for deel in (roepnaam, achternaam)).upper()


def lijstnaam(*, achternaam: str, roepnaam: str, voorvoegsel: str = "") -> str:
    """``Acikbas, Arent``; a voorvoegsel goes after the roepnaam, as in ``Vries, Jan de``."""
    voornaam = " ".join(deel for deel in (roepnaam, voorvoegsel) if deel)
    return f"{achternaam}, {voornaam}" if voornaam else achternaam


def rijen(leerlingen: Iterable[Leerling]) -> list[LeerlingRij]:
    """The rows of a page of the list, with the pupils' tests (one query for them all)."""
    leerlingen = list(leerlingen)
    toetsen = toetsen_per_leerling(ll.pk for ll in leerlingen)
    return [rij(ll, toetsen.get(ll.pk, ())) for ll in leerlingen]


def rij(leerling: Leerling, toetsen: tuple[str, ...] = ()) -> LeerlingRij:
    return LeerlingRij(
        pk=leerling.pk,
        initialen=initialen(leerling.roepnaam, leerling.achternaam),
        naam=lijstnaam(
            achternaam=leerling.achternaam,
            roepnaam=leerling.roepnaam,
            voorvoegsel=leerling.voorvoegsel,
        ),
        leerlingnummer=leerling.leerlingnummer,
        groep=leerling.groep.naam if leerling.groep else "",
        jaargroep=leerling.get_jaargroep_display() if leerling.jaargroep else "",
        toetsen=toetsen,
    )
