"""The LAS behind :class:`koppel.uwlr.server.UwlrService`: klant check, authorisation, the
operations, and the audit (:class:`~koppel.las.koppelingen.models.Gegevenstoegang`) of every
delivery and every refusal once the partner is identified.

Authorisation: the partner must hold the Resultatenkoppeling right today, the key must belong to
an active coupling of the identified partner, and that coupling's school must be the one the
request names (brincode with dependancecode, ``00`` or
absent meaning the main location, or schoolkey). Anything else, including a well-formed but
unknown BRIN, dependancecode or schoolkey, is ``AutorisatieOngeldig``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from django.utils import timezone

from koppel.las.koppelingen.models import RESULTATENKOPPELING, Koppeling, Koppelpartner
from koppel.las.koppelingen.selectors import (
    active_koppeling_by_key,
    heeft_recht,
    partner_by_klant,
)
from koppel.las.koppelingen.services import record_toegang
from koppel.las.resultaten.services import store_leerresultaten
from koppel.las.school.models import School
from koppel.las.school.selectors import school_by_brin
from koppel.las.uwlr_service import build, operations
from koppel.las.uwlr_service.operations import Toegang
from koppel.uwlr import messages as m
from koppel.uwlr.faults import (
    AutorisatieOngeldig,
    InterneFout,
    OngeldigBericht,
    OngeldigeKlantIdentificatie,
    UwlrFault,
)
from koppel.uwlr.server import Aanroep

A = TypeVar("A")
_BRIN = re.compile(r"\d{2}[A-Z]{2}")
_DEPENDANCE = re.compile(r"\d{2}")


def _identificatie(verzoek: m.Verzoek) -> tuple[str | None, str, str | None]:
    """(brincode, dependancecode, schoolkey) as the request names the school."""
    bron = verzoek.school if isinstance(verzoek, m.LeerresultatenVerzoek) else verzoek
    brincode, dependance, schoolkey = bron.brincode, bron.dependancecode or "00", bron.schoolkey
    if brincode is not None and not _BRIN.fullmatch(brincode):
        raise OngeldigBericht("Ongeldige brincode")
    if not _DEPENDANCE.fullmatch(dependance):
        raise OngeldigBericht("Ongeldige dependancecode")
    return brincode, dependance, schoolkey


def _covers(school: School, brincode: str | None, dependance: str, schoolkey: str | None) -> bool:
    if brincode is not None:
        return school.brincode == brincode and school.dependancecode == dependance
    return schoolkey is not None and school.schoolkey == schoolkey


def toegang(koppeling: Koppeling, *, operatie: str, remote_addr: str | None) -> Toegang:
    """The grant of a coupling, as ``authorise`` gives it (also used to show the data set)."""
    s = koppeling.school
    return Toegang(
        koppeling_id=koppeling.pk,
        partner_id=koppeling.partner_id,
        profiel=koppeling.profiel,
        school_id=s.pk,
        operatie=operatie,
        remote_addr=remote_addr,
        school=build.SchoolGegevens(
            naam=s.naam,
            brincode=s.brincode,
            dependancecode=s.dependancecode,
            schoolkey=s.schoolkey,
            schooljaar=s.schooljaar,
        ),
    )


class LasProvider:
    """Implements :class:`koppel.uwlr.server.Provider` with ``Toegang`` as the grant."""

    def _partner(self, aanroep: Aanroep) -> Koppelpartner:
        a = aanroep.autorisatie
        partner = partner_by_klant(klantnaam=a.klantnaam, klantcode=a.klantcode)
        if partner is None:
            raise OngeldigeKlantIdentificatie()
        return partner

    def check_klant(self, aanroep: Aanroep) -> None:
        self._partner(aanroep)

    def authorise(self, aanroep: Aanroep, verzoek: m.Verzoek) -> Toegang:
        partner = self._partner(aanroep)
        try:
            brincode, dependance, schoolkey = _identificatie(verzoek)
            if not heeft_recht(partner.pk, RESULTATENKOPPELING, today=timezone.localdate()):
                raise AutorisatieOngeldig("Koppelpartij heeft geen recht op de resultatenkoppeling")
            koppeling = active_koppeling_by_key(
                partner_id=partner.pk, autorisatiesleutel=aanroep.autorisatie.autorisatiesleutel
            )
            if koppeling is None or not _covers(koppeling.school, brincode, dependance, schoolkey):
                raise AutorisatieOngeldig("Autorisatiesleutel geeft geen toegang tot deze school")
        except UwlrFault as fault:
            self._refuse(partner, aanroep, verzoek, fault)
            raise
        return toegang(koppeling, operatie=aanroep.operatie, remote_addr=aanroep.remote_addr)

    def _refuse(
        self, partner: Koppelpartner, aanroep: Aanroep, verzoek: m.Verzoek, fault: UwlrFault
    ) -> None:
        bron = verzoek.school if isinstance(verzoek, m.LeerresultatenVerzoek) else verzoek
        school = None
        if bron.brincode and _BRIN.fullmatch(bron.brincode):
            school = school_by_brin(bron.brincode, bron.dependancecode)
        elif bron.schoolkey:
            school = School.objects.filter(schoolkey=bron.schoolkey).first()
        record_toegang(
            partner_id=partner.pk,
            operatie=aanroep.operatie,
            uitkomst=fault.code,
            school_id=school.pk if school else None,
            details={
                "remote_addr": aanroep.remote_addr,
                "melding": fault.detail,
                "xsdversie": _xsdversie(verzoek),
            },
        )

    def _audited(self, t: Toegang, xsdversie: str, run: Callable[[], tuple[A, int]]) -> A:
        details: dict[str, object] = {
            "profiel": t.profiel,
            "xsdversie": xsdversie,
            "remote_addr": t.remote_addr,
        }
        try:
            antwoord, aantal = run()
        except UwlrFault as fault:
            self._record(t, fault.code, {**details, "melding": fault.detail})
            raise
        except Exception:  # audit the failure, the dispatcher answers Server.InterneFout
            self._record(t, InterneFout.code, details)
            raise
        self._record(t, _uitkomst(antwoord), {**details, "aantal_leerlingen": aantal})
        return antwoord

    def _record(self, t: Toegang, uitkomst: str, details: dict[str, object]) -> None:
        record_toegang(
            partner_id=t.partner_id,
            operatie=t.operatie,
            uitkomst=uitkomst,
            school_id=t.school_id,
            koppeling_id=t.koppeling_id,
            details=details,
        )

    def haal_leerlinggegevens(
        self, t: Toegang, verzoek: m.LeerlinggegevensVerzoek
    ) -> m.LeerlinggegevensAntwoord:
        return self._audited(
            t,
            verzoek.xsdversie,
            lambda: operations.leerlinggegevens(t, verzoek, now=timezone.now()),
        )

    def haal_structuur(self, t: Toegang, verzoek: m.StructuurVerzoek) -> m.StructuurAntwoord:
        return self._audited(
            t, verzoek.xsdversie, lambda: operations.structuur(t, verzoek, now=timezone.now())
        )

    def haal_leerlingen(self, t: Toegang, verzoek: m.LeerlingenVerzoek) -> m.LeerlingenAntwoord:
        return self._audited(
            t, verzoek.xsdversie, lambda: operations.leerlingen(t, verzoek, now=timezone.now())
        )

    def haal_leerkrachten(
        self, t: Toegang, verzoek: m.LeerkrachtenVerzoek
    ) -> m.LeerkrachtenAntwoord:
        return self._audited(
            t, verzoek.xsdversie, lambda: operations.leerkrachten(t, verzoek, now=timezone.now())
        )

    def breng_leerresultaten(
        self, t: Toegang, verzoek: m.LeerresultatenVerzoek
    ) -> m.LeerresultatenBevestiging:
        def run() -> tuple[m.LeerresultatenBevestiging, int]:
            aantal = store_leerresultaten(
                partner_id=t.partner_id, school_id=t.school_id, verzoek=verzoek
            )
            return m.LeerresultatenBevestiging(), aantal

        return self._audited(t, verzoek.school.xsdversie, run)


def _xsdversie(verzoek: m.Verzoek) -> str:
    return (
        verzoek.school.xsdversie
        if isinstance(verzoek, m.LeerresultatenVerzoek)
        else verzoek.xsdversie
    )


def _uitkomst(antwoord: object) -> str:
    inhoud = getattr(antwoord, "inhoud", None)
    if isinstance(inhoud, m.GeenWijzigingen):
        return "geenwijzigingen"
    if isinstance(inhoud, m.GeenGegevens):
        return "geengegevens"
    return "geleverd"
