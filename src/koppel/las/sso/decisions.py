"""Pure decisions of single sign-on: may this user sign in at this partner, and as whom.

A user may sign in at a partner through one of their schools: the school must have an active
coupling with the partner and the partner's SSO right must run today. The first such school (in
the order of the user's roles) is the one the claims describe.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

GEEN_RECHT = (
    "{partner} mag (vandaag) niet inloggen met dit LAS: de koppelpartij heeft geen lopend recht "
    "op Single Sign On."
)
GEEN_KOPPELING = (
    "Je school heeft geen actieve koppeling met {partner}. Vraag de beheerder van je school de "
    "koppeling te activeren."
)
GEEN_SCHOOL = "Je account heeft geen rol in een school, dus je kunt niet inloggen bij {partner}."


@dataclass(frozen=True, slots=True, kw_only=True)
class RechtPeriode:
    begindatum: dt.date
    einddatum: dt.date | None

    def loopt_op(self, today: dt.date) -> bool:
        return self.begindatum <= today and (self.einddatum is None or today <= self.einddatum)


@dataclass(frozen=True, slots=True, kw_only=True)
class Weigering:
    """Why the sign-in is refused, as the user reads it."""

    melding: str


def choose_school(
    *,
    school_ids: Sequence[int],
    gekoppelde_school_ids: set[int],
    rechten: Sequence[RechtPeriode],
    partner: str,
    today: dt.date,
) -> int | Weigering:
    """The school the user signs in through, or why they may not."""
    if not any(recht.loopt_op(today) for recht in rechten):
        return Weigering(melding=GEEN_RECHT.format(partner=partner))
    if not school_ids:
        return Weigering(melding=GEEN_SCHOOL.format(partner=partner))
    for school_id in school_ids:
        if school_id in gekoppelde_school_ids:
            return school_id
    return Weigering(melding=GEEN_KOPPELING.format(partner=partner))
