"""The dispatcher's table: one entry per GKV operation.

Adding an operation is one writer function (in :mod:`.antwoorden` or a module of its own), one
entry here (its data sets per right, most preferred right first, and the lists of school data it
reads, see :data:`koppel.las.gkv.selectors.LIJSTEN` and :data:`koppel.las.gkv.dossier.LIJSTEN`)
and one element pair in ``schemas/gkv.xsd`` (plus the operation in ``schemas/gkv.wsdl``). An
operation only GKV uitgebreid may use simply has no ``GKV_BASIS`` data set.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from koppel.las.gkv import antwoorden, antwoorden_dossier, edexml
from koppel.las.gkv import datasets as d
from koppel.las.gkv import gegevens as g
from koppel.las.gkv.build import Knoop
from koppel.las.koppelingen.models import GKV_BASIS, GKV_UITGEBREID

Schrijver = Callable[[Knoop, g.Schoolgegevens], int]


@dataclass(frozen=True, slots=True, kw_only=True)
class Operatie:
    naam: str
    datasets: dict[str, d.Dataset]  # right -> allowed elements, most preferred right first
    schrijf: Schrijver
    lijsten: frozenset[str]  # what the writer needs of the school (see selectors.LIJSTEN)


def _operatie(
    naam: str,
    schrijf: Schrijver,
    *,
    basis: d.Dataset | None = None,
    uitgebreid: d.Dataset,
    lijsten: str,
) -> Operatie:
    datasets = {GKV_UITGEBREID: uitgebreid} | ({GKV_BASIS: basis} if basis is not None else {})
    return Operatie(
        naam=naam, datasets=datasets, schrijf=schrijf, lijsten=frozenset(lijsten.split())
    )


OPERATIES: dict[str, Operatie] = {
    op.naam: op
    for op in (
        _operatie(
            "getLeerlingen",
            antwoorden.leerlingen,
            basis=d.LEERLINGEN_BASIS,
            uitgebreid=d.LEERLINGEN_UITGEBREID,
            lijsten="groepen leerlingen adressen",
        ),
        _operatie(
            "getMedewerkers",
            antwoorden.medewerkers,
            basis=d.MEDEWERKERS_BASIS,
            uitgebreid=d.MEDEWERKERS_UITGEBREID,
            lijsten="groepen medewerkers",
        ),
        _operatie(
            "getGroepen",
            antwoorden.groepen,
            basis=d.GROEPEN_BASIS,
            uitgebreid=d.GROEPEN_UITGEBREID,
            lijsten="groepen groepsleden",
        ),
        _operatie(
            "getVerzorgers",
            antwoorden_dossier.verzorgers,
            uitgebreid=d.VERZORGERS_UITGEBREID,
            lijsten="verzorgers",
        ),
        _operatie(
            "getAbsenties",
            antwoorden_dossier.absenties,
            uitgebreid=d.ABSENTIES_UITGEBREID,
            lijsten="absenties",
        ),
        _operatie(
            "getLoopbaan",
            antwoorden_dossier.loopbaan,
            uitgebreid=d.LOOPBAAN_UITGEBREID,
            lijsten="loopbaan",
        ),
        _operatie(
            "getToetsen",
            antwoorden_dossier.toetsen,
            uitgebreid=d.TOETSEN_UITGEBREID,
            lijsten="toetsen",
        ),
        _operatie(
            "getLgf", antwoorden_dossier.lgf, uitgebreid=d.LGF_UITGEBREID, lijsten="loopbaan"
        ),
        _operatie(
            "getEdexml",
            edexml.schrijf,
            uitgebreid=d.EDEXML_UITGEBREID,
            lijsten="groepen samengestelde_groepen vestigingen leerlingen medewerkers",
        ),
    )
}
