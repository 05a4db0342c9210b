"""The GKV behind the view: identify the coupling by its leveranciersleutel, enforce the rights
(:mod:`.rechten`), run the operation (:mod:`.operations`) and record every delivery and every
refusal of an identified partner under Gegevenstoegang.

A call is answered only when the key belongs to an active coupling of the named supplier, the
coupling's school is the ``brinnummer`` asked for, and one of the partner's GKV rights that offers
the operation counts now (dates, office hours). GKV uitgebreid is preferred over GKV basis.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.utils import timezone

from koppel.las.gkv import dossier, selectors, wire
from koppel.las.gkv import gegevens as g
from koppel.las.gkv.build import Knoop
from koppel.las.gkv.faults import InterneFout, LeveranciersleutelOngeldig, UwlrFault, fault_for
from koppel.las.gkv.operations import OPERATIES, Operatie
from koppel.las.gkv.rechten import Kantooruren, Weigering, kies_recht
from koppel.las.koppelingen.models import Koppeling
from koppel.las.koppelingen.services import record_toegang
from koppel.uwlr.envelope import to_bytes

logger = logging.getLogger(__name__)
GELEVERD = "geleverd"


@dataclass(frozen=True, slots=True)
class Antwoord:
    status: int
    body: bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class Aanroep:
    """One call as the view hands it over."""

    body: bytes
    soapaction: str | None
    remote_addr: str | None
    now: dt.datetime
    kantooruren: Kantooruren
    max_bytes: int


@dataclass(frozen=True, slots=True, kw_only=True)
class GkvToegang:
    koppeling: Koppeling
    recht: str
    operatie: Operatie


def beantwoord(aanroep: Aanroep) -> Antwoord:
    """The SOAP answer to one call: the data, or a fault (HTTP 500)."""
    try:
        verzoek = wire.lees_verzoek(
            aanroep.body,
            soapaction=aanroep.soapaction,
            operaties=OPERATIES,
            max_bytes=aanroep.max_bytes,
        )
        toegang = authorise(verzoek, aanroep)
    except UwlrFault as fault:
        return Antwoord(500, wire.fault_bytes(fault))
    return _lever(toegang, verzoek, aanroep)


def authorise(verzoek: wire.GkvVerzoek, aanroep: Aanroep) -> GkvToegang:
    """The grant of a call, or the (audited) fault that refuses it."""
    koppeling = selectors.koppeling_by_leveranciersleutel(verzoek.leveranciersleutel)
    if koppeling is None or not selectors.naam_past(
        koppeling.partner.naam, verzoek.leveranciernaam
    ):
        raise _onbekend(verzoek, aanroep)
    school = koppeling.school
    if (school.brincode, school.dependancecode) != (verzoek.brincode, verzoek.dependancecode):
        melding = (
            f"Leveranciersleutel geeft geen toegang tot {verzoek.brincode}{verzoek.dependancecode}"
        )
        raise _weiger(koppeling, verzoek, aanroep, LeveranciersleutelOngeldig(melding))
    operatie = OPERATIES[verzoek.operatie]
    keuze = kies_recht(
        selectors.gkv_rechten(koppeling.partner_id),
        soorten=tuple(operatie.datasets),
        now=aanroep.now,
        kantooruren=aanroep.kantooruren,
    )
    if isinstance(keuze, Weigering):
        raise _weiger(koppeling, verzoek, aanroep, fault_for(keuze.code, keuze.melding))
    return GkvToegang(koppeling=koppeling, recht=keuze.soort, operatie=operatie)


def _onbekend(verzoek: wire.GkvVerzoek, aanroep: Aanroep) -> UwlrFault:
    """Unknown key, or a key of another supplier or of an inactive coupling: audited under the
    supplier the name identifies (if exactly one) and the school asked for (if known)."""
    fault = LeveranciersleutelOngeldig(
        "Leveranciersleutel hoort niet bij een actieve koppeling van deze leverancier"
    )
    if (partner := selectors.partner_by_naam(verzoek.leveranciernaam)) is not None:
        school = selectors.school_by_brin(verzoek.brincode, verzoek.dependancecode)
        record_toegang(
            partner_id=partner.pk,
            operatie=verzoek.operatie,
            uitkomst=fault.code,
            school_id=school.pk if school else None,
            details={"remote_addr": aanroep.remote_addr, "melding": fault.detail},
        )
    return fault


def _weiger(
    koppeling: Koppeling, verzoek: wire.GkvVerzoek, aanroep: Aanroep, fault: UwlrFault
) -> UwlrFault:
    record_toegang(
        partner_id=koppeling.partner_id,
        operatie=verzoek.operatie,
        uitkomst=fault.code,
        school_id=koppeling.school_id,
        koppeling_id=koppeling.pk,
        details={"remote_addr": aanroep.remote_addr, "melding": fault.detail},
    )
    return fault


def _lever(t: GkvToegang, verzoek: wire.GkvVerzoek, aanroep: Aanroep) -> Antwoord:
    details: dict[str, object] = {"profiel": t.recht, "remote_addr": aanroep.remote_addr}
    try:
        root, ret = wire.nieuw_antwoord(t.operatie.naam)
        gegevens = _gegevens(t, verzoek, aanroep.now)
        aantal = t.operatie.schrijf(Knoop(ret, "", t.operatie.datasets[t.recht]), gegevens)
    except UwlrFault as fault:  # the writer refuses what it cannot answer (getEdexml: no pupils)
        _record(t, verzoek, fault.code, {**details, "melding": fault.detail})
        return Antwoord(500, wire.fault_bytes(fault))
    except Exception:  # the process edge of a call: log, audit and answer Server.InterneFout
        logger.exception("GKV %s failed for koppeling %s", t.operatie.naam, t.koppeling.pk)
        _record(t, verzoek, InterneFout.code, details)
        return Antwoord(500, wire.fault_bytes(InterneFout()))
    _record(t, verzoek, GELEVERD, {**details, "aantal_leerlingen": aantal})
    return Antwoord(200, to_bytes(root))


def _gegevens(t: GkvToegang, verzoek: wire.GkvVerzoek, now: dt.datetime) -> g.Schoolgegevens:
    """The school's data; another school year than the one the LAS holds has none."""
    school = t.koppeling.school
    if verzoek.schooljaar != school.schooljaar:
        return g.Schoolgegevens(schooljaar=verzoek.schooljaar)
    vandaag = timezone.localdate(now)
    lijsten = t.operatie.lijsten
    gegevens = selectors.schoolgegevens(school, vandaag=vandaag, lijsten=lijsten, peilmoment=now)
    if not lijsten & dossier.LIJSTEN:
        return gegevens
    periode = dossier.Periode(vanaf=verzoek.vanaf, tot=verzoek.tot)
    gelezen = dossier.dossiergegevens(school, vandaag=vandaag, lijsten=lijsten, periode=periode)
    return dossier.met_dossier(gegevens, gelezen)


def _record(
    t: GkvToegang, verzoek: wire.GkvVerzoek, uitkomst: str, details: dict[str, object]
) -> None:
    record_toegang(
        partner_id=t.koppeling.partner_id,
        operatie=verzoek.operatie,
        uitkomst=uitkomst,
        school_id=t.koppeling.school_id,
        koppeling_id=t.koppeling.pk,
        details=details,
    )
