"""Forms of the coupling pages: UWLR-koppeling aanvragen, Koppelen met LAS, and a reason to reject.

Labels follow the manual ("Type koppeling", "BRIN-nummer", "Vestigingsnummer", "Schooljaar",
"Autorisatiesleutel"); every error is Dutch. The key field never shows a key back.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms

from koppel.ea.koppeling import crypto, decisions, lastypes

_BRIN = re.compile(r"\d{2}[A-Z]{2}")
_VESTIGING = re.compile(r"\d{2}")
BRIN_ONGELDIG = "Een BRIN-nummer is twee cijfers en twee letters, zoals 99XX."
VESTIGING_ONGELDIG = "Een vestigingsnummer is twee cijfers, zoals 01."


def _brincode(value: str) -> str:
    brincode = value.strip().upper()
    if not _BRIN.fullmatch(brincode):
        raise forms.ValidationError(BRIN_ONGELDIG)
    return brincode


def _brin_field() -> forms.CharField:
    return forms.CharField(
        label="BRIN-nummer",
        error_messages={"required": "Vul het BRIN-nummer in."},
        widget=forms.TextInput(attrs={"maxlength": "4", "size": "6", "autocomplete": "off"}),
    )


class AanvraagForm(forms.Form):
    """Voorbereiding: the name and BRIN of the school that wants the UWLR coupling."""

    schoolnaam = forms.CharField(
        label="Naam van de school",
        max_length=200,
        error_messages={"required": "Vul de naam van de school in."},
    )
    brincode = _brin_field()

    def clean_brincode(self) -> str:
        return _brincode(self.cleaned_data["brincode"])


class KoppelenForm(forms.Form):
    """Beheer → Koppelen met LAS. Without a stored key the key is required; with one, an empty
    field keeps it."""

    lastype = forms.ChoiceField(label="Type koppeling")
    brincode = _brin_field()
    vestigingsnummer = forms.CharField(
        label="Vestigingsnummer",
        required=False,
        help_text="Laat dit veld leeg, tenzij je LAS een vestigingsnummer noemt.",
        widget=forms.TextInput(attrs={"maxlength": "2", "size": "4", "autocomplete": "off"}),
    )
    schooljaar = forms.ChoiceField(label="Schooljaar")
    autorisatiesleutel = forms.CharField(
        label="Autorisatiesleutel",
        max_length=200,
        min_length=8,
        error_messages={
            "required": "Plak de autorisatiesleutel uit het LAS.",
            "min_length": "Deze sleutel is te kort; plak de hele autorisatiesleutel uit het LAS.",
        },
        widget=forms.PasswordInput(
            render_value=False, attrs={"autocomplete": "off", "spellcheck": "false"}
        ),
    )

    def __init__(
        self,
        data: Any = None,
        *,
        vandaag: dt.date,
        sleutel_eind: str | None = None,
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.fields["lastype"].choices = lastypes.keuzes()  # type: ignore[attr-defined]
        self.fields["schooljaar"].choices = decisions.schooljaar_keuzes(vandaag)  # type: ignore[attr-defined]
        sleutel = self.fields["autorisatiesleutel"]
        if sleutel_eind:
            sleutel.required = False
            sleutel.widget.attrs["placeholder"] = crypto.masker(sleutel_eind)
            sleutel.help_text = (
                f"Opgeslagen: {crypto.masker(sleutel_eind)}. Laat leeg om deze sleutel te houden."
            )
        else:
            sleutel.help_text = "Plak hier de sleutel die het LAS één keer toonde."

    def clean_lastype(self) -> str:
        code: str = self.cleaned_data["lastype"]
        if not lastypes.beschikbaar(lastypes.voor(code)):
            raise forms.ValidationError(lastypes.NIET_INGERICHT)
        return code

    def clean_brincode(self) -> str:
        return _brincode(self.cleaned_data["brincode"])

    def clean_vestigingsnummer(self) -> str:
        vestiging: str = self.cleaned_data["vestigingsnummer"].strip()
        if vestiging and not _VESTIGING.fullmatch(vestiging):
            raise forms.ValidationError(VESTIGING_ONGELDIG)
        return vestiging

    def instellingen(self) -> decisions.Instellingen:
        c = self.cleaned_data
        return decisions.Instellingen(
            lastype=c["lastype"],
            brincode=c["brincode"],
            vestigingsnummer=c["vestigingsnummer"],
            schooljaar=c["schooljaar"],
        )

    def sleutel(self) -> str | None:
        """The pasted key, ``None`` when left empty (keep the stored one)."""
        return self.cleaned_data.get("autorisatiesleutel") or None


class RedenForm(forms.Form):
    reden = forms.CharField(
        label="Reden",
        max_length=2000,
        error_messages={"required": "Vul een reden in."},
        widget=forms.Textarea(attrs={"rows": 3, "cols": 50}),
    )
