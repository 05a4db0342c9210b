"""``{% sso_knoppen %}``: the "Inloggen met <LAS>" buttons of the log-in page (configured types)."""

from __future__ import annotations

from typing import Any

from django import template

from koppel.ea.sso import providers

register = template.Library()


@register.inclusion_tag("ea_sso/knoppen.html", takes_context=True)
def sso_knoppen(context: dict[str, Any]) -> dict[str, Any]:
    return {"providers": providers.configured(), "next": context.get("next", "")}
