"""Template helpers of the pages of both projects: the "1 t/m 20 (van 57)" range of a paginated list and
dates in the Dutch dd-mm-jjjj style."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.core.paginator import Page
from django.utils import timezone

register = template.Library()


@register.filter
def bereik(page: Page[Any]) -> str:
    """``1 t/m 20 (van 57)`` for a page of a list (``0 t/m 0 (van 0)`` when empty)."""
    count = page.paginator.count
    if count == 0:
        return "0 t/m 0 (van 0)"
    return f"{page.start_index()} t/m {page.end_index()} (van {count})"


@register.filter
def datum(value: dt.date | dt.datetime | None) -> str:
    """dd-mm-jjjj in the school's time zone; empty for no date."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return value.strftime("%d-%m-%Y")


@register.filter
def janee(value: object) -> str:
    return "Ja" if value else "Nee"


@register.simple_tag(takes_context=True)
def pagina_url(context: template.Context, nummer: int) -> str:
    """The current URL's query string with ``pagina`` replaced (filters stay)."""
    query = context["request"].GET.copy()
    query["pagina"] = str(nummer)
    return "?" + str(query.urlencode())
