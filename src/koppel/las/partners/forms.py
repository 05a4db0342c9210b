"""Forms of partner onboarding: the public application form, approval and rejection by
LAS-beheer, and a partner's suggestion of a coupling to a school."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator

from koppel.las.koppelingen.models import PROFIELEN, SMALLE_SET
from koppel.las.partners.services import (
    KLANTNAAM_MAX,
    SOORTEN,
    NieuweAanvraag,
)

TEKST_MAX = 2000

enkele_regel = RegexValidator(
    r"^[^\x00-\x1f\x7f]*$", "Gebruik geen regeleinden of besturingstekens."
)
telefoon = RegexValidator(
    r"^[0-9+()\- ]{6,32}$", "Vul een telefoonnummer in met cijfers, spaties, +, - of haakjes."
)
klantcode = RegexValidator(
    r"^[A-Za-z0-9-]{4,64}$", "Een klantcode is 4 tot 64 letters, cijfers of streepjes."
)
brincode = RegexValidator(r"^[0-9A-Z]{4}$", "Een BRIN-code is vier cijfers of letters.")
dependancecode = RegexValidator(r"^[0-9]{2}$", "Een dependancecode is twee cijfers.")


def _tekst(label: str, *, max_length: int = 200, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=max_length, required=required, validators=[enkele_regel]
    )


def _alinea(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=TEKST_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": TEKST_MAX}),
    )


class AanvraagForm(forms.Form):
    """The "Aanvraagformulier koppelingen", with a honeypot field people never see."""

    organisatie = _tekst("Organisatie")
    contactpersoon = _tekst("Contactpersoon")
    emailadres = forms.EmailField(label="E-mailadres", max_length=150)
    telefoonnummer = forms.CharField(
        label="Telefoonnummer", max_length=32, required=False, validators=[telefoon]
    )
    soorten = forms.MultipleChoiceField(
        label="Gewenste koppelingen",
        choices=[(code, label) for code, label, _ in SOORTEN],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Kies ten minste één koppeling."},
    )
    gegevensset = _alinea(
        "Gewenste gegevensset", "Welke gegevens wil je uit het LAS ontvangen of aanbieden?"
    )
    doel = _alinea("Doel van de gegevensverwerking", "Waarvoor gebruik je de gegevens?")
    website = forms.CharField(
        label="Website (niet invullen)",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_soorten(self) -> list[str]:
        chosen = set(self.cleaned_data["soorten"])
        return [code for code, _, _ in SOORTEN if code in chosen]

    def is_bot(self) -> bool:
        """A filled-in honeypot: only programs see that field."""
        return bool(self.cleaned_data.get("website"))

    def gegevens(self) -> NieuweAanvraag:
        data = self.cleaned_data
        return NieuweAanvraag(
            organisatie=data["organisatie"],
            contactpersoon=data["contactpersoon"],
            emailadres=data["emailadres"],
            telefoonnummer=data["telefoonnummer"],
            soorten=data["soorten"],
            gegevensset=data["gegevensset"],
            doel=data["doel"],
        )


class GoedkeurenForm(forms.Form):
    klantnaam = _tekst("Klantnaam", max_length=KLANTNAAM_MAX)
    klantcode = forms.CharField(
        label="Klantcode",
        max_length=64,
        validators=[klantcode],
        help_text="Een willekeurig voorstel zonder tekens die op elkaar lijken; je mag het aanpassen.",
    )

    def clean_klantcode(self) -> str:
        return str(self.cleaned_data["klantcode"]).strip().upper()


class AfwijzenForm(forms.Form):
    reden = _alinea("Reden", "De reden wordt naar de aanvrager gemaild.")


class SuggestieForm(forms.Form):
    """ "Koppeling voorstellen aan een school": the school by BRIN and dependance."""

    brincode = forms.CharField(
        label="BRIN-code",
        min_length=4,
        max_length=4,
        widget=forms.TextInput(attrs={"placeholder": "99XX", "size": 6}),
    )
    dependancecode = forms.CharField(
        label="Dependancecode",
        max_length=2,
        required=False,
        initial="00",
        validators=[dependancecode],
        widget=forms.TextInput(attrs={"size": 4}),
    )
    profiel = forms.ChoiceField(label="Profiel", choices=PROFIELEN, initial=SMALLE_SET)

    def clean_brincode(self) -> str:
        value = str(self.cleaned_data["brincode"]).strip().upper()
        brincode(value)
        return value

    def clean_dependancecode(self) -> str:
        return str(self.cleaned_data.get("dependancecode") or "00")

    def velden(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("brincode", "dependancecode", "profiel")}
