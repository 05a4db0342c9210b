"""Reads of the import: the school's stored concept plan, what the test centre has (as planning
input), the rows of the review page per tab and category, and the search for "Koppel met
bestaande ...".

Every read is filtered by the school (klant); another school's records are never found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from koppel.ea.importeren import decisions
from koppel.ea.importeren import planning as p
from koppel.ea.importeren.models import CONCEPT, UITGEVOERD, Importplan
from koppel.ea.klanten.models import Groep, Klant, Leerkracht, Leerling
from koppel.ea.koppeling.models import LasKoppeling

PER_PAGINA = 50
CHUNK = 500  # values per IN (...)


def concept(klant: Klant) -> Importplan | None:
    return Importplan.objects.filter(klant=klant, status=CONCEPT).first()


def laatste_import(klant: Klant) -> Importplan | None:
    return _uitgevoerd(klant).first()


def _uitgevoerd(klant: Klant) -> QuerySet[Importplan]:
    """The school's executed imports, the last first."""
    return Importplan.objects.filter(klant=klant, status=UITGEVOERD).order_by("-uitgevoerd_op")


def koppeling(klant: Klant) -> LasKoppeling | None:
    return LasKoppeling.objects.filter(klant=klant).first()


def plan_van(importplan: Importplan) -> p.Plan:
    return p.from_json(importplan.plan["plan"])


def gegevens_van(importplan: Importplan) -> p.LasGegevens:
    return p.gegevens_from_json(importplan.plan["gegevens"])


# --- planning input ------------------------------------------------------------------------------


def vorig_aantal(klant: Klant) -> int:
    """How many pupils the LAS sent for the school's last import, 0 before the first: it sizes
    the next fetch (getrapt for a large school, see :mod:`~koppel.ea.importeren.fetch`)."""
    samenvatting = _uitgevoerd(klant).values_list("samenvatting", flat=True).first() or {}
    telling = samenvatting.get(p.LEERLINGEN, {})  # added, linked and left out: all the LAS sent
    return sum(telling.get(k, 0) for k in ("toevoegen", "koppelen", "niet"))


def bestaand(klant: Klant) -> p.Bestaand:
    """The school's own records, active or not, as :func:`planning.plan_import` wants them."""
    groepen = tuple(
        p.BestaandeGroep(**row)
        for row in Groep.objects.filter(klant=klant).values("id", "naam", "las_key", "actief")
    )
    leerkrachten = tuple(
        p.BestaandeLeerkracht(**row)
        for row in Leerkracht.objects.filter(klant=klant).values(
            "id", "achternaam", "roepnaam", "emailadres", "las_key", "eckid", "actief"
        )
    )
    velden = ("id", "achternaam", "roepnaam", "geboortedatum", "las_key", "eckid", "actief")
    leerlingen = tuple(
        p.BestaandeLeerling(
            **{k: row[k] for k in velden},
            groep_naam=row["groep__naam"] or "",
            groep_las_key=row["groep__las_key"] or "",
        )
        for row in Leerling.objects.filter(klant=klant).values(
            *velden, "groep__naam", "groep__las_key"
        )
    )
    return p.Bestaand(groepen=groepen, leerkrachten=leerkrachten, leerlingen=leerlingen)


# --- the review page -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Categorie:
    """One collapsible category of a tab, with the rows of its current page."""

    code: str  # planning.NIEUW, BESTAAND or NIET
    titel: str  # "Nieuwe leerlingen toevoegen (12)"
    aantal: int
    page_obj: Page[p.Rij]
    paginas: tuple[tuple[int, str], ...]  # (number, query string) when there is more than one


def titel(soort: str, categorie: str, aantal: int) -> str:
    meer = p.SOORTNAMEN[soort][1]
    tekst = {
        p.NIEUW: f"Nieuwe {meer} toevoegen",
        p.BESTAAND: f"Bestaande {meer} koppelen",
        p.NIET: "Niet importeren",
    }[categorie]
    return f"{tekst} ({aantal})"


def categorieen(plan: p.Plan, soort: str, query: dict[str, str]) -> list[Categorie]:
    """The three categories of a tab; ``query`` holds the tab and every category's page number
    (``pagina_nieuw`` ...), so paging one category keeps the others where they were."""
    uitkomst = []
    for code in p.CATEGORIEEN:
        rijen = plan.categorie(soort, code)
        page_obj = Paginator(rijen, PER_PAGINA).get_page(query.get(f"pagina_{code}"))
        paginas: tuple[tuple[int, str], ...] = ()
        if page_obj.paginator.num_pages > 1:
            paginas = tuple(
                (n, _query({**query, f"pagina_{code}": str(n)}))
                for n in page_obj.paginator.page_range
            )
        uitkomst.append(
            Categorie(
                code=code,
                titel=titel(soort, code, len(rijen)),
                aantal=len(rijen),
                page_obj=page_obj,
                paginas=paginas,
            )
        )
    return uitkomst


def _query(values: dict[str, str]) -> str:
    return "?" + urlencode({k: v for k, v in values.items() if v})


def tabs(plan: p.Plan) -> list[tuple[str, str]]:
    """(soort, label) per tab: ``Groepen (9)``."""
    return [
        (s, f"{p.SOORTNAMEN[s][1].capitalize()} ({len(plan.rijen.get(s, []))})") for s in p.SOORTEN
    ]


def rij(plan: p.Plan, soort: str, las_key: str) -> p.Rij | None:
    return next((r for r in plan.rijen.get(soort, []) if r.las_key == las_key), None)


# --- the summary ---------------------------------------------------------------------------------


def samenvatting(klant: Klant, importplan: Importplan) -> dict[str, Any]:
    """What the summary page shows: per soort the counts, the pupils to deactivate, the
    invitations to send and the blokkades."""
    plan = plan_van(importplan)
    telling = decisions.samenvatting(plan)
    return {
        "tabel": [
            (
                p.SOORTNAMEN[s][1].capitalize(),
                telling[s]["toevoegen"],
                telling[s]["koppelen"],
                telling[s]["niet"],
            )
            for s in p.SOORTEN
        ],
        "deactiveren": telling[p.LEERLINGEN]["deactiveren"],
        "uitnodigingen": aantal_uitnodigingen(klant, plan),
        "blokkades": blokkades(klant, plan, gegevens_van(importplan)),
    }


def blokkades(klant: Klant, plan: p.Plan, gegevens: p.LasGegevens) -> list[str]:
    """Why the import cannot run yet: the plan's own reasons and leerlingnummers in use."""
    return decisions.blokkades(plan) + bezette_leerlingnummers(klant, plan, gegevens)


def leerlingnummer(las: p.LasLeerling) -> str:
    """A new pupil's leerlingnummer: the LAS key; without one (UWLR 2.3) the ECK-iD's tail."""
    if las.key and las.key != las.eckid:
        return las.key
    return las.eckid.rstrip("/").rsplit("/", 1)[-1]


def bezette_leerlingnummers(klant: Klant, plan: p.Plan, gegevens: p.LasGegevens) -> list[str]:
    """New pupils whose leerlingnummer an existing pupil of the school has already."""
    per_key = {ll.key: ll for ll in gegevens.leerlingen}
    nieuw = {
        leerlingnummer(per_key[r.las_key]): r
        for r in plan.categorie(p.LEERLINGEN, p.NIEUW)
        if r.las_key in per_key
    }
    nummers, redenen = list(nieuw), []
    for i in range(0, len(nummers), CHUNK):
        bezet = Leerling.objects.filter(klant=klant, leerlingnummer__in=nummers[i : i + CHUNK])
        for x in bezet.order_by("leerlingnummer"):
            rij, naam = nieuw[x.leerlingnummer], p.persoonsnaam(x.achternaam, x.roepnaam)
            redenen.append(
                f"Leerlingnummer {x.leerlingnummer} van {rij.naam} is in het testcentrum al in "
                f"gebruik bij {naam}. Koppel {rij.naam} met die leerling of kies Niet importeren."
            )
    return redenen


def aantal_uitnodigingen(klant: Klant, plan: p.Plan) -> int:
    """The imported teachers that have no account yet (they get an invitation)."""
    rijen = [r for r in plan.rijen.get(p.LEERKRACHTEN, []) if r.categorie != p.NIET]
    gekoppeld = [r.bestaand_id for r in rijen if r.bestaand_id is not None]
    met_account = set(
        Leerkracht.objects.filter(klant=klant, pk__in=gekoppeld, user__isnull=False).values_list(
            "pk", flat=True
        )
    )
    return sum(1 for r in rijen if r.bestaand_id not in met_account)


def wijzigingen(klant: Klant, plan: p.Plan) -> dict[str, Any]:
    """What changed since the last import, for the review: linked rows with changes (moved,
    renamed) per soort, and the pupils no longer in the LAS (they will be deactivated)."""
    gewijzigd = {
        soort: [r for r in plan.rijen.get(soort, []) if r.wijzigingen and r.categorie != p.NIET]
        for soort in p.SOORTEN
    }
    weg = Leerling.objects.filter(klant=klant, pk__in=plan.verdwenen).order_by(
        "achternaam", "roepnaam"
    )
    return {
        "gewijzigd": gewijzigd,
        "verdwenen": list(weg),
        "is_herimport": _uitgevoerd(klant).exists(),
    }
