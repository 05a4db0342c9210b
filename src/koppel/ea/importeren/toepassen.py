"""Applying a reviewed plan to the school's records, inside the transaction of
:func:`koppel.ea.importeren.services.uitvoeren`: groups first (teachers and pupils refer to them),
then teachers, pupils, and the pupils no longer in the LAS.

New pupils are created in bulk, and a linked pupil is written only when something changed. Rows
"Niet importeren" are left alone. A record that a row links to but that was removed meanwhile
stops the import with a Dutch message.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from koppel.ea.errors import InvalidState
from koppel.ea.importeren import planning as p
from koppel.ea.importeren import selectors, vertrokken
from koppel.ea.klanten.models import JAARGROEPEN, Groep, Klant, Leerkracht, Leerling

__all__ = ["Importer"]

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


class Importer:
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
