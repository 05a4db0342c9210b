"""Edustandaard vocabularies that UWLR messages refer to (``vocabulaire`` attributes).

Only what Koppel uses: the vakgebieden for method-bound tests in primary education. A value from
such a list is sent with the vocabulary's URI; a value outside it is sent without one.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["VAKGEBIEDEN_PO", "Vocabulaire"]


@dataclass(frozen=True, slots=True)
class Vocabulaire:
    uri: str
    termen: frozenset[str]

    def __contains__(self, term: object) -> bool:
        return term in self.termen


#: "Vakgebieden (voor methode-gebonden toetsen in po)" (June 2018)
VAKGEBIEDEN_PO = Vocabulaire(
    uri="http://purl.edustandaard.nl/concept/328cc12a-87b2-41c4-aef8-853595f9f9dd",
    termen=frozenset(
        {
            "Voorschoolse educatie",
            "Wereldoriëntatie",
            "Bewegen",
            "Kleuteronderwijs",
            "Verkeer",
            "Mondeling Taalonderwijs",
            "Groep 3 lezen, taal en spelling",
            "Natuur- en techniekonderwijs",
            "Spelling",
            "Voortgezet taal",
            "Aardrijkskunde",
            "Begrijpend/studerend lezen",
            "Schrijven",
            "Geschiedenis",
            "Voortgezet technisch lezen",
            "Engels",
            "Beeldende vorming",
            "Voortgezet lezen",
            "Fries",
            "Muzische vorming of muziek",
            "Godsdienst / levensbeschouwing",
            "Rekenen en wiskunde",
            "Drama",
        }
    ),
)
