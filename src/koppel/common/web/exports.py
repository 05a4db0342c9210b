"""What the audit pages of both projects share: a list that is a page of a table or, with
``?formaat=csv``, a streamed CSV export for Excel, and a GET filter form with a period (Van / Tot
en met).

The CSV uses semicolons and UTF-8 with a byte-order mark, as Dutch Excel expects, and writes a cell
that starts like a formula with a leading quote (CSV injection: names in the rows are typed in by
people).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from django import forms
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

__all__ = ["PeriodeFilterForm", "csv_response", "datumveld", "in_periode", "lijst_of_csv"]

R = TypeVar("R")
M = TypeVar("M", bound=Model)

_FORMULE = ("=", "+", "-", "@", "\t", "\r")


class _Regel:
    """A file-like object whose ``write`` hands the CSV line back, for streaming."""

    def write(self, value: str) -> str:
        return value


def _veilig(cel: str) -> str:
    return "'" + cel if cel[:1] in _FORMULE else cel


def csv_response(
    koppen: Sequence[str], rijen: Iterable[Sequence[str]], *, bestandsnaam: str
) -> StreamingHttpResponse:
    """``rijen`` (read lazily) as a CSV download named ``bestandsnaam``."""
    writer = csv.writer(_Regel(), delimiter=";")

    def regels() -> Iterator[str]:
        yield "\ufeff"
        yield writer.writerow(koppen)
        for rij in rijen:
            yield writer.writerow([_veilig(c) for c in rij])

    response = StreamingHttpResponse(regels(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response


def lijst_of_csv(
    request: HttpRequest,
    rijen: QuerySet[Any, R],
    *,
    koppen: Sequence[str],
    cellen: Callable[[R], Sequence[str]],
    per_pagina: int,
    bestandsnaam: str,
    template: str,
    context: dict[str, Any],
) -> HttpResponseBase:
    """``rijen`` as the page ``?pagina=`` of ``template``'s table (with a link to the same list as
    CSV), or with ``?formaat=csv`` all of them as the CSV download ``bestandsnaam``."""
    if request.GET.get("formaat") == "csv":
        alle = (cellen(rij) for rij in rijen.iterator(chunk_size=500))
        return csv_response(koppen, alle, bestandsnaam=bestandsnaam)
    page = Paginator(rijen, per_pagina).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    query["formaat"] = "csv"
    tabel = {"page_obj": page, "koppen": koppen, "rijen": [cellen(rij) for rij in page]}
    return render(request, template, {**context, **tabel, "csv_url": "?" + query.urlencode()})


def datumveld(label: str) -> forms.DateField:
    """An optional date field with the browser's date picker."""
    widget = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    return forms.DateField(label=label, required=False, widget=widget)


class PeriodeFilterForm(forms.Form):
    """A filter form with ``van`` and ``tot`` (inclusive); a period ending before it starts is
    reported on ``tot``."""

    van = datumveld("Van")
    tot = datumveld("Tot en met")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        van, tot = cleaned.get("van"), cleaned.get("tot")
        if van and tot and van > tot:
            self.add_error("tot", "Deze datum ligt vóór de datum bij 'Van'.")
        return cleaned


def _dag_begin(dag: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(dag, dt.time.min))


def in_periode(
    rijen: QuerySet[M], veld: str, *, van: dt.date | None, tot: dt.date | None
) -> QuerySet[M]:
    """The rows whose timestamp ``veld`` lies within the whole local days ``van`` up to and
    including ``tot`` (the filter of :class:`PeriodeFilterForm`); ``None`` leaves that side open."""
    if van is not None:
        rijen = rijen.filter(**{f"{veld}__gte": _dag_begin(van)})
    if tot is not None:
        rijen = rijen.filter(**{f"{veld}__lt": _dag_begin(tot + dt.timedelta(days=1))})
    return rijen
