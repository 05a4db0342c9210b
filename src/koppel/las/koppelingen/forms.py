"""Forms of the Beheer → Koppelingen pages: the XSD version of the data set, and the filters of
Beheer → Privacy → Gegevenstoegang (a GET form; invalid filters are reported and left out)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.http import QueryDict

from koppel.common.web.exports import PeriodeFilterForm
from koppel.las.koppelingen.gegevensset import STANDAARD_XSDVERSIE, XSDVERSIES
from koppel.las.koppelingen.selectors import ToegangFilter


class XsdversieForm(forms.Form):
    xsdversie = forms.ChoiceField(
        label="UWLR-versie",
        choices=[(v, f"UWLR {v}") for v in XSDVERSIES],
        required=False,
        widget=forms.Select(attrs={"data-autosubmit": ""}),
    )


def kies_xsdversie(data: QueryDict) -> str:
    """The version asked for in the query string, else the default (2.2)."""
    form = XsdversieForm(data)
    if form.is_valid() and form.cleaned_data["xsdversie"]:
        return str(form.cleaned_data["xsdversie"])
    return STANDAARD_XSDVERSIE


class ToegangFilterForm(PeriodeFilterForm):
    koppelpartij = forms.TypedChoiceField(
        label="Koppelpartij", required=False, coerce=int, empty_value=None
    )
    operatie = forms.ChoiceField(label="Handeling/operatie", required=False)
    uitkomst = forms.ChoiceField(label="Uitkomst", required=False)
    field_order = ["koppelpartij", "operatie", "uitkomst", "van", "tot"]

    def __init__(self, data: QueryDict, *, keuzes: dict[str, list[tuple[str, str]]]) -> None:
        super().__init__(data)
        alle = {"koppelpartij": "Alle koppelpartijen", "operatie": "Alle", "uitkomst": "Alle"}
        for naam, leeg in alle.items():
            field = cast(forms.ChoiceField, self.fields[naam])
            field.choices = [("", leeg), *keuzes[naam]]

    def filters(self) -> ToegangFilter:
        """The valid filters (an invalid one is shown as an error and not applied)."""
        self.is_valid()
        c = self.cleaned_data
        return ToegangFilter(
            partner_id=c.get("koppelpartij"),
            operatie=c.get("operatie") or None,
            uitkomst=c.get("uitkomst") or None,
            van=c.get("van"),
            tot=c.get("tot"),
        )
