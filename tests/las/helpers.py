"""Helpers for the LAS tests: request builders, a coupled school, a parsed SOAP answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from koppel.las.koppelingen import services as koppelingen
from koppel.las.koppelingen.models import Koppeling, Koppelpartner
from koppel.las.school.models import School
from koppel.uwlr import messages as m

SCHOOLJAAR = "2026-2027"
LG = "http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens"
SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
KLANTNAAM, KLANTCODE = "Boom testcentrum", "BOOM-01"


@dataclass
class Gekoppeld:
    koppeling: Koppeling
    sleutel: str

    def autorisatie(self, **changes: str) -> m.Autorisatie:
        values = {
            "autorisatiesleutel": self.sleutel,
            "klantcode": KLANTCODE,
            "klantnaam": KLANTNAAM,
        }
        return m.Autorisatie(**{**values, **changes})


def couple(school: School, partner: Koppelpartner, profiel: str = "smalle-set") -> Gekoppeld:
    koppeling = koppelingen.suggest(school=school, partner=partner, profiel=profiel)
    koppelingen.activate(koppeling, door="test")
    return Gekoppeld(koppeling, koppelingen.rekey(koppeling, door="test"))


def verzoek(cls: type = m.LeerlinggegevensVerzoek, **changes: object) -> m.Verzoek:
    values: dict[str, object] = {"schooljaar": SCHOOLJAAR, "brincode": "99XX", "xsdversie": "2.2"}
    return cls(**{**values, **changes})  # type: ignore[no-any-return]


@dataclass
class Antwoord:
    status: int
    content: bytes

    @property
    def root(self) -> etree._Element:
        return etree.fromstring(self.content)

    @property
    def faultcode(self) -> str | None:
        codes = self.root.findall(f".//{{{SOAP}}}Fault/faultcode")
        return codes[0].text.split(":")[-1] if codes else None

    @property
    def faultstring(self) -> str:
        return "".join(self.root.find(f".//{{{SOAP}}}Fault").itertext())

    def findall(self, path: str) -> list[etree._Element]:
        return self.root.findall(path.replace("lg:", f"{{{LG}}}"))


Post = Callable[..., Antwoord]
