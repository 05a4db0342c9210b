"""Forms of the toetsen pages: Uitnodigen, choosing a test, Score invoeren, the login code and
one step of the test-taking page.

Scores are checked here with :func:`koppel.ea.toetsen.normering.scorefout` so the teacher sees
the Dutch message next to the field; the service checks them again.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from koppel.ea.klanten.models import Groep
from koppel.ea.toetsen import normering
from koppel.ea.toetsen.models import Opgave, Toets, Toetsonderdeel
from koppel.ea.toetsen.selectors import ScoreRegel, actieve_toetsen

GEEN_GETAL = "De score voor {naam} moet een geheel getal zijn."


class ToetsKeuzeForm(forms.Form):
    toets = forms.ModelChoiceField(
        label="Test",
        queryset=Toets.objects.none(),
        empty_label="Kies een test",
        error_messages={"required": "Kies een test.", "invalid_choice": "Kies een test."},
    )

    def __init__(self, *args: Any, toetsen: QuerySet[Toets] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = cast(forms.ModelChoiceField, self.fields["toets"])
        veld.queryset = actieve_toetsen() if toetsen is None else toetsen


class UitnodigenForm(ToetsKeuzeForm):
    """The test, and a group when no pupils were selected on the list."""

    groep = forms.ModelChoiceField(
        label="Groep",
        queryset=Groep.objects.none(),
        required=False,
        empty_label="Alleen de gekozen leerlingen",
        error_messages={"invalid_choice": "Kies een van je groepen."},
    )
    mailen = forms.BooleanField(
        label="Stuur de inlogcodes ook naar mijn e-mailadres", required=False, initial=True
    )

    def __init__(self, *args: Any, groepen: QuerySet[Groep], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["groep"]).queryset = groepen


class ScoreForm(forms.Form):
    """One number field per onderdeel (``onderdeel_<pk>``); empty means "not scored"."""

    def __init__(self, *args: Any, regels: list[ScoreRegel], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.onderdelen: dict[str, Toetsonderdeel] = {}
        for regel in regels:
            onderdeel = regel.onderdeel
            naam = f"onderdeel_{onderdeel.pk}"
            self.onderdelen[naam] = onderdeel
            self.fields[naam] = forms.IntegerField(
                label=onderdeel.naam,
                required=False,
                initial=regel.ruwe_score,
                help_text=f"0 t/m {onderdeel.max_score}",
                error_messages={"invalid": GEEN_GETAL.format(naam=onderdeel.naam)},
                widget=forms.NumberInput(attrs={"min": 0, "max": onderdeel.max_score}),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for naam, onderdeel in self.onderdelen.items():
            score = data.get(naam)
            if score is not None and (
                fout := normering.scorefout(
                    score, naam=onderdeel.naam, max_score=onderdeel.max_score
                )
            ):
                self.add_error(naam, fout)
        if not self.errors and all(data.get(naam) is None for naam in self.onderdelen):
            raise forms.ValidationError("Vul ten minste één score in.")
        return data

    def velden(self) -> list[forms.BoundField]:
        """The bound score fields, in the order of the onderdelen."""
        return [self[naam] for naam in self.onderdelen]

    def scores(self) -> dict[int, int | None]:
        """onderdeel id → score (``None``: empty), after :meth:`is_valid`."""
        return {o.pk: self.cleaned_data.get(naam) for naam, o in self.onderdelen.items()}


class InlogcodeForm(forms.Form):
    code = forms.CharField(
        label="Inlogcode",
        max_length=20,
        error_messages={"required": "Vul je inlogcode in."},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class StapForm(forms.Form):
    """The opgaven of one onderdeel as radio groups (``opgave_<pk>``); skipping one is allowed."""

    def __init__(
        self, *args: Any, opgaven: list[Opgave], antwoorden: dict[int, int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for opgave in opgaven:
            self.fields[f"opgave_{opgave.pk}"] = forms.TypedChoiceField(
                label=f"{opgave.volgnummer}. {opgave.vraag}",
                choices=[(str(i), keuze) for i, keuze in enumerate(opgave.keuzes)],
                coerce=int,
                required=False,
                empty_value=None,
                initial=antwoorden.get(opgave.pk),
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": "Kies een van de antwoorden."},
            )

    def antwoorden(self) -> dict[int, int]:
        """opgave id → chosen position, for the answered opgaven (after :meth:`is_valid`)."""
        return {
            int(naam.removeprefix("opgave_")): keuze
            for naam, keuze in self.cleaned_data.items()
            if keuze is not None
        }
