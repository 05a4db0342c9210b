"""Pure checks of a results message before anything is stored (no database).

- every result's pupil must be known: matched on ``eckid`` when given, else on ``leerlingid``
  (the LAS key); a pupil found by key whose ECK-iD differs is a mismatch → ``LeerlingOngeldig``;
- a ``toetsonderdeelcode`` must be defined in its test → ``OngeldigBericht``;
- a ``score`` must lie in 0..the highest ``eindnormwaarde`` of the normering that applies (the
  toetsonderdeel's, else the test's; none → no bound) → ``ScoreOngeldig``.
"""

from __future__ import annotations

from dataclasses import dataclass

from koppel.uwlr import messages as m
from koppel.uwlr.faults import LeerlingOngeldig, OngeldigBericht, ScoreOngeldig


@dataclass(frozen=True, slots=True)
class BekendeLeerling:
    pk: int
    key: str
    eckid: str | None


def match_leerling(
    afname: m.Toetsafname, by_key: dict[str, BekendeLeerling], by_eckid: dict[str, BekendeLeerling]
) -> int:
    """The pk of the pupil a toetsafname is about."""
    if afname.eckid and afname.eckid in by_eckid:
        return by_eckid[afname.eckid].pk
    leerling = by_key.get(afname.leerlingid)
    if leerling is None or (afname.eckid and leerling.eckid and leerling.eckid != afname.eckid):
        raise LeerlingOngeldig(f"Onbekende leerling: {afname.leerlingid}")
    return leerling.pk


def max_score(normering: m.Normering | None) -> int | None:
    if normering is None or not normering.normen:
        return None
    return max(norm.eindnormwaarde for norm in normering.normen)


def _bound(toets: m.Toets, onderdeelcode: str | None) -> int | None:
    eigen = max_score(toets.toetsnormering)
    if onderdeelcode is None:
        return eigen
    for onderdeel in toets.toetsonderdelen:
        if onderdeel.toetsonderdeelcode.waarde == onderdeelcode:
            bound = max_score(onderdeel.toetsonderdeelnormering)
            return eigen if bound is None else bound
    raise OngeldigBericht(f"Toetsonderdeel {onderdeelcode} is niet gedefinieerd")


def check_resultaat(resultaat: m.Resultaat, toetsen: dict[str, m.Toets]) -> None:
    toets = toetsen.get(resultaat.toetscode)
    if toets is None:
        raise OngeldigBericht(f"Toets {resultaat.toetscode} is niet gedefinieerd")
    bound = _bound(toets, resultaat.toetsonderdeelcode)
    score = resultaat.uitslag
    if isinstance(score, m.Score) and bound is not None and not 0 <= score.waarde <= bound:
        raise ScoreOngeldig(f"Score van resultaat {resultaat.key} ligt buiten 0..{bound}")


def check_verzoek(verzoek: m.LeerresultatenVerzoek) -> None:
    toetsen = {toets.toetscode.waarde: toets for toets in verzoek.toetsen}
    for afname in verzoek.toetsafnames:
        for resultaat in afname.resultaten:
            check_resultaat(resultaat, toetsen)
