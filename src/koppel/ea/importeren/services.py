"""Writes of the import: fetch and plan (the school's one concept), the beheerder's decisions row
by row, "Import afbreken", and running the import in one transaction.

A concept is stored after every decision, so a closed browser loses nothing. Running it creates
and updates the school's groepen, leerkrachten and leerlingen, deactivates pupils (results stay)
and teachers (:mod:`.vertrokken`) no longer in the LAS and, once committed, invites the imported
teachers without an account (:mod:`koppel.ea.importeren.emails`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from koppel.ea.errors import EaError, InvalidState, NotFound
from koppel.ea.importeren import decisions, emails, fetch, selectors, vertrokken
from koppel.ea.importeren import planning as p
from koppel.ea.importeren.models import AFGEBROKEN, CONCEPT, UITGEVOERD, Importplan
from koppel.ea.klanten.models import JAARGROEPEN, Groep, Klant, Leerkracht, Leerling
from koppel.ea.koppeling import gateway, lastypes
from koppel.ea.koppeling.models import GOEDGEKEURD, LasKoppeling

logger = logging.getLogger(__name__)

GEEN_KOPPELING = (
    "Er is nog geen goedgekeurde koppeling met je LAS. Vul eerst Koppelen met LAS in en wacht "
    "op de goedkeuring door de klantenservice."
)


class OphalenMislukt(EaError):
    """The LAS data could not be fetched; the message says why (Dutch), nothing was stored."""


# --- fetch and plan ------------------------------------------------------------------------------


def create_plan(klant: Klant, user: User | None, *, now: dt.datetime | None = None) -> Importplan:
    """Fetch the school's data from its LAS, plan the import and store it as the one concept
    (replacing an earlier concept: "Opnieuw ophalen")."""
    koppeling = LasKoppeling.objects.filter(klant=klant, status=GOEDGEKEURD).first()
    if koppeling is None:
        raise OphalenMislukt(GEEN_KOPPELING)
    gegevens = _fetch(koppeling)
    plan = p.plan_import(gegevens, selectors.bestaand(klant))
    return store_plan(klant, user, gegevens, plan, now=now or timezone.now())


def _fetch(koppeling: LasKoppeling) -> p.LasGegevens:
    try:
        with gateway.client_for(koppeling) as client:
            return fetch.fetch(
                client,
                brincode=koppeling.brincode,
                dependancecode=koppeling.vestigingsnummer,
                schooljaar=koppeling.schooljaar,
                xsdversie=lastypes.voor(koppeling.lastype).xsdversie,
                vorig_aantal=selectors.vorig_aantal(koppeling.klant),
            )
    except gateway.FOUTEN as error:
        logger.info("Fetching for koppeling %s failed: %s", koppeling.pk, type(error).__name__)
        raise OphalenMislukt(gateway.foutmelding(error, koppeling)) from error
    except InvalidState as error:  # e.g. no data for this schooljaar
        raise OphalenMislukt(str(error)) from error


@transaction.atomic
def store_plan(
    klant: Klant, user: User | None, gegevens: p.LasGegevens, plan: p.Plan, *, now: dt.datetime
) -> Importplan:
    Importplan.objects.filter(klant=klant, status=CONCEPT).delete()
    return Importplan.objects.create(
        klant=klant,
        status=CONCEPT,
        kop=dataclasses.asdict(plan.kop),
        plan={
            "gegevens": p.gegevens_to_json(gegevens),
            "plan": p.to_json(plan),
            vertrokken.SLEUTEL: vertrokken.lijst(klant, plan),
        },
        aangemaakt_op=now,
        aangemaakt_door=user,
    )


# --- the beheerder's decisions -------------------------------------------------------------------


def _change(klant: Klant, decision: Callable[[p.Plan], p.Plan]) -> None:
    with transaction.atomic():
        importplan = _concept(klant)
        plan = decision(selectors.plan_van(importplan))
        importplan.plan = {
            **importplan.plan,
            "plan": p.to_json(plan),
            vertrokken.SLEUTEL: vertrokken.lijst(klant, plan),
        }
        importplan.save(update_fields=["plan"])


def _concept(klant: Klant) -> Importplan:
    """The school's concept, locked for the rest of the transaction."""
    importplan = Importplan.objects.select_for_update().filter(klant=klant, status=CONCEPT).first()
    if importplan is None:
        raise NotFound("Er is geen import om te controleren. Haal de gegevens opnieuw op.")
    return importplan


def koppel(klant: Klant, *, soort: str, las_key: str, bestaand_id: int) -> None:
    """Link a row by hand ("Koppel met bestaande ..."), only to a record of the same school."""
    if soort not in p.SOORTEN or not selectors.bestaat(klant, soort, bestaand_id):
        raise NotFound("Dit gegeven bestaat niet (meer) in het testcentrum.")
    naam = selectors.naam_van(klant, soort, bestaand_id)
    _change(klant, lambda plan: decisions.koppel(plan, soort, las_key, bestaand_id, naam))


def niet_importeren(klant: Klant, *, soort: str, las_key: str) -> None:
    _change(klant, lambda plan: decisions.niet_importeren(plan, soort, las_key))


def terugzetten(klant: Klant, *, soort: str, las_key: str) -> None:
    _change(klant, lambda plan: decisions.terugzetten(plan, soort, las_key))


def zet_emailadres(klant: Klant, *, las_key: str, emailadres: str) -> None:
    _change(klant, lambda plan: decisions.zet_emailadres(plan, las_key, emailadres))


def afbreken(klant: Klant) -> None:
    """Abort ("Import afbreken"): the concept is kept as afgebroken, nothing is imported."""
    with transaction.atomic():
        importplan = _concept(klant)
        importplan.status = AFGEBROKEN
        importplan.save(update_fields=["status"])


# --- running the import --------------------------------------------------------------------------


def uitvoeren(klant: Klant, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """Run the concept in one transaction and return its samenvatting; after the commit the
    imported teachers without an account are invited (their number is ``uitnodigingen``)."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            importplan = _concept(klant)
            plan, las = selectors.plan_van(importplan), selectors.gegevens_van(importplan)
            if redenen := selectors.blokkades(klant, plan, las):
                raise InvalidState("De import kan nog niet worden uitgevoerd. " + " ".join(redenen))
            importer = _Importer(klant, las, plan, now=now)
            importer.run()
            weg = vertrokken.uit_opslag(importplan.plan)
            weg_n = vertrokken.deactiveer(klant, plan, getoond=weg, now=now)
            ids = importer.uit_te_nodigen
            samenvatting: dict[str, Any] = {
                **decisions.samenvatting(plan),
                "uitnodigingen": len(ids),
            }
            samenvatting[p.LEERLINGEN]["deactiveren"] = importer.gedeactiveerd
            samenvatting[p.LEERKRACHTEN]["deactiveren"] = weg_n
            importplan.status, importplan.uitgevoerd_op = UITGEVOERD, now
            importplan.samenvatting = samenvatting
            importplan.save(update_fields=["status", "uitgevoerd_op", "samenvatting"])
            transaction.on_commit(lambda: emails.invite_all(ids, now=now), robust=True)
    except IntegrityError as error:
        logger.warning("Import of klant %s failed: %s", klant.pk, error)
        raise InvalidState(
            "De import is niet uitgevoerd: de gegevens in het testcentrum zijn intussen "
            "gewijzigd. Haal de gegevens opnieuw op en probeer het nog eens."
        ) from error
    return samenvatting


MODELLEN: dict[str, Any] = {p.GROEPEN: Groep, p.LEERKRACHTEN: Leerkracht, p.LEERLINGEN: Leerling}
CHUNK = selectors.CHUNK  # rows per IN (...) and per bulk statement
LEERLING_VELDEN = (
    "las_key", "eckid", "achternaam", "voorvoegsel", "voorletters", "roepnaam", "geboortedatum",
    "geslacht", "jaargroep", "groep", "actief", "gedeactiveerd_op", "mutatiedatum",
)  # fmt: skip
_ATTNAMES = tuple(  # groep compared by id: no query per pupil
    f"{naam}_id" if naam == "groep" else naam for naam in LEERLING_VELDEN if naam != "mutatiedatum"
)
GESLACHTEN = {"0", "1", "2", "9"}
_VERDWENEN = (
    "De import is niet uitgevoerd: het bestaande gegeven waaraan {naam} is gekoppeld, bestaat "
    "niet meer. Haal de gegevens opnieuw op."
)


def _chunks(values: list[Any]) -> list[list[Any]]:
    return [values[i : i + CHUNK] for i in range(0, len(values), CHUNK)]


class _Importer:
    """Applies a plan: groups first (teachers and pupils refer to them), then teachers, pupils,
    and the pupils no longer in the LAS. Rows "Niet importeren" are left alone."""

    def __init__(self, klant: Klant, las: p.LasGegevens, plan: p.Plan, *, now: dt.datetime):
        self.klant, self.plan, self.now = klant, plan, now
        self.las_groepen = {g.key: g for g in las.groepen}
        self.las_leerkrachten = {k.key: k for k in las.leerkrachten}
        self.las_leerlingen = {ll.key: ll for ll in las.leerlingen}
        self.groepen: dict[str, Groep] = {}
        self.uit_te_nodigen: list[int] = []
        self.gedeactiveerd = 0

    def run(self) -> None:
        self._groepen()
        self._leerkrachten()
        self._leerlingen()
        self._verdwenen()

    def _rijen(self, soort: str) -> list[p.Rij]:
        """The rows to import. A LAS key held by another record than the row's own is released
        first, so that a key moving between records never meets itself in the unique constraint."""
        rijen = [r for r in self.plan.rijen.get(soort, []) if r.categorie != p.NIET]
        eigen = {r.las_key: r.bestaand_id for r in rijen}
        model = MODELLEN[soort]
        vrij = []
        for keys in _chunks(list(eigen)):
            houders = model.objects.filter(klant=self.klant, las_key__in=keys)
            vrij += [pk for pk, key in houders.values_list("pk", "las_key") if eigen[key] != pk]
        for chunk in _chunks(vrij):
            model.objects.filter(pk__in=chunk).update(las_key="")
        return rijen

    def _record(self, soort: str, rij: p.Rij, **velden: Any) -> Any:
        if rij.categorie == p.NIEUW:
            return MODELLEN[soort].objects.create(klant=self.klant, **velden)
        record = MODELLEN[soort].objects.filter(klant=self.klant, pk=rij.bestaand_id).first()
        if record is None:
            raise InvalidState(_VERDWENEN.format(naam=rij.naam))
        for naam, waarde in velden.items():
            setattr(record, naam, waarde)
        record.save()
        return record

    def _groepen(self) -> None:
        for rij in self._rijen(p.GROEPEN):
            las = self.las_groepen[rij.las_key]
            self.groepen[las.key] = self._record(
                p.GROEPEN, rij, naam=las.naam, jaargroep=_jaargroep(las.jaargroep),
                samengesteld=las.samengesteld, las_key=las.key, actief=True,
            )  # fmt: skip

    def _leerkrachten(self) -> None:
        inactief = set(
            Leerkracht.objects.filter(klant=self.klant, actief=False).values_list("pk", flat=True)
        )
        for rij in self._rijen(p.LEERKRACHTEN):
            las = self.las_leerkrachten[rij.las_key]
            velden = {"emailadres": rij.emailadres, "eckid": las.eckid}
            leerkracht = self._record(
                p.LEERKRACHTEN, rij, achternaam=las.achternaam, voorvoegsel=las.voorvoegsel,
                voorletters=las.voorletters, roepnaam=las.roepnaam, las_key=las.key, actief=True,
                **{k: v for k, v in velden.items() if v},
            )  # fmt: skip
            leerkracht.groepen.set([self.groepen[k] for k in las.groep_keys if k in self.groepen])
            if leerkracht.pk in inactief:
                vertrokken.heractiveer(leerkracht)
            if leerkracht.user_id is None:
                self.uit_te_nodigen.append(leerkracht.pk)

    def _leerlingen(self) -> None:
        """New pupils in bulk; a linked pupil is only written when something changed."""
        rijen = self._rijen(p.LEERLINGEN)
        ids = [r.bestaand_id for r in rijen if r.categorie == p.BESTAAND]
        bestaande = {}
        for chunk in _chunks(ids):
            bestaande.update(Leerling.objects.filter(klant=self.klant).in_bulk(chunk))
        nieuw, gekoppeld, leden = [], [], []
        for rij in rijen:
            las = self.las_leerlingen[rij.las_key]
            if rij.categorie == p.NIEUW:
                leerling = Leerling(klant=self.klant, leerlingnummer=selectors.leerlingnummer(las))
                nieuw.append(leerling)
            elif (gevonden := bestaande.get(rij.bestaand_id)) is not None:
                leerling = gevonden
                gekoppeld.append((leerling, _stand(leerling)))
            else:
                raise InvalidState(_VERDWENEN.format(naam=rij.naam))
            self._vul(leerling, las)
            leden.append((leerling, las.samengestelde_groep_keys))
        Leerling.objects.bulk_create(nieuw, batch_size=CHUNK)
        for leerling, voor in gekoppeld:
            if _stand(leerling) != voor:  # one UPDATE each: bulk_update's CASE is far slower
                leerling.save(update_fields=LEERLING_VELDEN)
        self._samengesteld([ll for ll, _ in gekoppeld], leden)

    def _vul(self, leerling: Leerling, las: p.LasLeerling) -> None:
        leerling.las_key, leerling.eckid = las.key, las.eckid or leerling.eckid
        leerling.achternaam, leerling.roepnaam = las.achternaam, las.roepnaam
        leerling.voorvoegsel, leerling.voorletters = las.voorvoegsel, las.voorletters
        leerling.geboortedatum = las.geboortedatum
        leerling.geslacht = las.geslacht if las.geslacht in GESLACHTEN else "0"
        leerling.jaargroep = _jaargroep(las.jaargroep)
        leerling.groep = self.groepen.get(las.groep_key)
        leerling.actief, leerling.gedeactiveerd_op, leerling.mutatiedatum = True, None, self.now

    def _samengesteld(
        self, gewijzigd: list[Leerling], leden: list[tuple[Leerling, tuple[str, ...]]]
    ) -> None:
        through = Leerling.samengestelde_groepen.through
        for chunk in _chunks([ll.pk for ll in gewijzigd]):
            through.objects.filter(leerling_id__in=chunk).delete()
        rijen = [
            through(leerling_id=leerling.pk, groep_id=self.groepen[key].pk)
            for leerling, keys in leden
            for key in dict.fromkeys(keys)
            if key in self.groepen
        ]
        through.objects.bulk_create(rijen, batch_size=CHUNK)

    def _verdwenen(self) -> None:
        gekoppeld = {r.bestaand_id for r in self.plan.categorie(p.LEERLINGEN, p.BESTAAND)}
        ids = [i for i in self.plan.verdwenen if i not in gekoppeld]
        for chunk in _chunks(ids):
            self.gedeactiveerd += Leerling.objects.filter(
                klant=self.klant, pk__in=chunk, actief=True
            ).update(actief=False, gedeactiveerd_op=self.now, mutatiedatum=self.now)


def _stand(leerling: Leerling) -> tuple[Any, ...]:
    """The values an import may change (not mutatiedatum), to see whether it did."""
    return tuple(getattr(leerling, naam) for naam in _ATTNAMES)


def _jaargroep(code: str) -> str:
    return code if code in {c for c, _ in JAARGROEPEN} else ""
