"""The filters of the home page "Mijn leerlingen": Test, Locatie, Groep, Jaargroep, the search and
the status tab (a hidden field, so changing a filter keeps the tab).

Every choice is limited to what the user may see (the school's own groups, or a leerkracht's), so a
groep of another school is an invalid choice: it is shown as an error and ignored.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms

from koppel.ea.klanten.models import Groep, Klant
from koppel.ea.klanten.selectors import STATUS_TABS, LeerlingFilter
from koppel.ea.toetsen.models import Toets

ZOEKTEKST = "Zoeken op leerlingnummer, voornaam of achternaam"


def _keuzes(form: forms.Form, veld: str, keuzes: list[tuple[str, str]]) -> None:
    cast(forms.ChoiceField, form.fields[veld]).choices = keuzes


class LeerlingFilterForm(forms.Form):
    """The GET filters of the pupil list."""

    test = forms.ChoiceField(label="Test", required=False)
    locatie = forms.ChoiceField(label="Locatie", required=False)
    groep = forms.ChoiceField(label="Groep", required=False)
    jaargroep = forms.ChoiceField(label="Jaargroep", required=False)
    zoek = forms.CharField(
        label=ZOEKTEKST, required=False, max_length=100, widget=forms.SearchInput
    )
    status = forms.ChoiceField(
        required=False, choices=[("", ""), *STATUS_TABS], widget=forms.HiddenInput
    )

    def __init__(
        self,
        data: Any,
        *,
        klant: Klant,
        groepen: list[Groep],
        jaargroepen: list[tuple[str, str]],
        toetsen: list[Toets],
    ) -> None:
        data = data.copy()
        data.setdefault("locatie", str(klant.pk))  # the only location is the one chosen
        super().__init__(data)
        _keuzes(self, "test", [("", "Alle tests"), *((str(t.pk), t.naam) for t in toetsen)])
        # A klant is one vestiging for now; more locations come with boards (besturen).
        _keuzes(self, "locatie", [(str(klant.pk), klant.naam)])
        _keuzes(self, "groep", [("", "Alle groepen"), *((str(g.pk), g.naam) for g in groepen)])
        _keuzes(self, "jaargroep", [("", "Alle jaargroepen"), *jaargroepen])
        for veld in ("test", "locatie", "groep", "jaargroep"):
            self.fields[veld].widget.attrs["data-autosubmit"] = ""
        self.fields["zoek"].widget.attrs["placeholder"] = ZOEKTEKST

    def criteria(self) -> LeerlingFilter:
        """The criteria of the valid fields (an invalid one is shown as an error and ignored)."""
        self.is_valid()
        data = self.cleaned_data
        groep, test = data.get("groep") or "", data.get("test") or ""
        return LeerlingFilter(
            zoek=str(data.get("zoek") or "").strip(),
            groep_id=int(groep) if groep else None,
            jaargroep=data.get("jaargroep") or "",
            toets_id=int(test) if test else None,
            status=data.get("status") or "",
        )
