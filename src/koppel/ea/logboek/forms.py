"""The filters of Beheer → Logboek: a GET form like the LAS's audit pages (an invalid filter is
reported and left out)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.http import QueryDict

from koppel.common.web.exports import PeriodeFilterForm
from koppel.ea.logboek.models import SOORTEN
from koppel.ea.logboek.selectors import GebeurtenisFilter


class GebeurtenisFilterForm(PeriodeFilterForm):
    soort = forms.ChoiceField(label="Soort", required=False, choices=[("", "Alle"), *SOORTEN])
    door = forms.ChoiceField(label="Door", required=False)

    def __init__(self, data: QueryDict, *, namen: list[str]) -> None:
        super().__init__(data)
        field = cast(forms.ChoiceField, self.fields["door"])
        field.choices = [("", "Iedereen"), *((n, n) for n in namen)]

    def filters(self) -> GebeurtenisFilter:
        """The valid filters (an invalid one is shown as an error and not applied)."""
        self.is_valid()
        c = self.cleaned_data
        return GebeurtenisFilter(
            van=c.get("van"),
            tot=c.get("tot"),
            soort=c.get("soort") or None,
            door=c.get("door") or None,
        )
