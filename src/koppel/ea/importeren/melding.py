"""The Dutch sentence that sums up a run import, shown to the beheerder after "Importeren" and
written to the logboek: ``De gegevens zijn geïmporteerd: 9 groepen en 60 leerlingen toegevoegd;
...``."""

from __future__ import annotations

from typing import Any

from koppel.ea.importeren import planning as p

__all__ = ["aantal", "importmelding"]


def aantal(n: int, soort: str) -> str:
    """``1 leerling``, ``2 leerlingen``."""
    enkel, meer = p.SOORTNAMEN[soort]
    return f"{n} {enkel if n == 1 else meer}"


def _opsomming(delen: list[str]) -> str:
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + f" en {delen[-1]}"


def importmelding(samenvatting: dict[str, Any]) -> str:
    """``De gegevens zijn geïmporteerd: 9 groepen en 60 leerlingen toegevoegd; ...``."""
    delen = []
    for sleutel, gedaan in (("toevoegen", "toegevoegd"), ("koppelen", "gekoppeld")):
        aantallen = [
            aantal(samenvatting[s][sleutel], s) for s in p.SOORTEN if samenvatting[s][sleutel]
        ]
        if aantallen:
            delen.append(f"{_opsomming(aantallen)} {gedaan}")
    for soort in (p.LEERLINGEN, p.LEERKRACHTEN):
        if n := samenvatting[soort].get("deactiveren", 0):
            delen.append(f"{aantal(n, soort)} gedeactiveerd")
    if n := samenvatting.get("uitnodigingen", 0):
        krijgen = "krijgt" if n == 1 else "krijgen"
        delen.append(
            f"{aantal(n, p.LEERKRACHTEN)} {krijgen} een e-mail om een account aan te maken"
        )
    return "De gegevens zijn geïmporteerd: " + ("; ".join(delen) or "er is niets gewijzigd") + "."
