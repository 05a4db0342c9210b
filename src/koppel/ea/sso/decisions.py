"""Pure decisions of "Inloggen met het LAS": which EA account a LAS identity belongs to.

An ECK-iD match wins over an e-mail match (the ECK-iD is the chain's own identifier); a match
that is not unique is no match, so nobody is ever signed in to a colleague's account.
"""

from __future__ import annotations

from collections.abc import Collection


def kies_account(*, op_eckid: Collection[int], op_email: Collection[int]) -> int | None:
    """The one account id found by ECK-iD, else the one found by e-mail, else ``None``."""
    for gevonden in (set(op_eckid), set(op_email)):
        if len(gevonden) == 1:
            return next(iter(gevonden))
        if gevonden:
            return None
    return None
