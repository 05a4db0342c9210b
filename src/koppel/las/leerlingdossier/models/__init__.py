"""The pupil file (leerlingdossier) beside the school's core data: verzorgers with their addresses,
loopbaan (inschrijvingen, groepsindelingen over the years, uitstroom), LGF/arrangements, absences
and method-test scores entered by teachers. Everything hangs off a ``Leerling`` of one school.
"""

from koppel.las.leerlingdossier.models.loopbaan import (
    Arrangement,
    Groepsindeling,
    Inschrijving,
    Uitstroom,
)
from koppel.las.leerlingdossier.models.personen import Adres, LeerlingVerzorger, Verzorger
from koppel.las.leerlingdossier.models.registraties import Absentie, Methodetoets, MethodetoetsScore

__all__ = [
    "Absentie",
    "Adres",
    "Arrangement",
    "Groepsindeling",
    "Inschrijving",
    "LeerlingVerzorger",
    "Methodetoets",
    "MethodetoetsScore",
    "Uitstroom",
    "Verzorger",
]
