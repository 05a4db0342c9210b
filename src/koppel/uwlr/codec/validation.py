"""Schema validation of the header and body against the project's own UWLR XSDs.

The schemas live in :mod:`koppel.uwlr.schemas` (``autorisatie``, ``leerlinggegevens``,
``leerresultaten``): the official 2.2 files with the relaxations the standard's practice needs
(school year as a pattern, keys longer than 64 characters, leerling ``@key`` optional for 2.3).
libxml2's first error is translated into a Dutch detail that names the element, never its value.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

from lxml import etree

from koppel.uwlr.faults import OngeldigBericht

__all__ = ["describe", "problem", "use_schema_loader", "validate"]

SchemaLoader = Callable[[str], etree.XMLSchema]

_loader: SchemaLoader | None = None
_local = threading.local()

_ELEMENT = re.compile(r"Element '(?:\{[^}]*\})?([^']+)'")
_ATTRIBUTE = re.compile(r"attribute '([^']+)'")
_VALUE_ERRORS = ("FACET", "DATATYPE", "PATTERN", "LENGTH", "ENUMERATION", "INCLUSIVE", "VALUE")


def use_schema_loader(loader: SchemaLoader | None) -> None:
    """Validate with ``loader`` instead of :func:`koppel.uwlr.schemas.schema` (None restores it).

    For tests and tools that check traffic against other schema sets (the official files, a
    profile); the service itself always uses the project's schemas.
    """
    global _loader
    _loader = loader


def _schema(name: str) -> etree.XMLSchema:
    if _loader is not None:
        return _loader(name)
    # One compiled schema per thread: lxml keeps a single error log per schema object, so threads
    # sharing one could read each other's errors.
    cache: dict[str, etree.XMLSchema] | None = getattr(_local, "schemas", None)
    if cache is None:
        cache = _local.schemas = {}
    found = cache.get(name)
    if found is None:
        # Imported late: compiling the XSDs is only needed once something is validated.
        from koppel.uwlr.schemas import load_schema

        found = cache[name] = load_schema(name)  # type: ignore[arg-type]
    return found


def problem(element: etree._Element, name: str) -> str | None:
    """The Dutch description of the first schema error of ``element``, or None when valid."""
    schema = _schema(name)
    if schema.validate(element):
        return None
    errors = schema.error_log.filter_from_errors()  # type: ignore[attr-defined]  # not in stubs
    return describe(errors[0]) if errors else "Het bericht voldoet niet aan het schema"


def validate(element: etree._Element, name: str) -> None:
    """Raise ``OngeldigBericht`` naming the first problem when ``element`` is invalid."""
    found = problem(element, name)
    if found is not None:
        raise OngeldigBericht(found)


def describe(entry: etree._LogEntry) -> str:
    """A Dutch sentence for one libxml2 schema error."""
    message = entry.message
    match = _ELEMENT.search(message)
    name = match.group(1) if match else "?"
    attribute = _ATTRIBUTE.search(message)
    kind = entry.type_name
    if attribute is not None:
        attribute_name = attribute.group(1)
        if "required but missing" in message:
            return f"Bij het element '{name}' ontbreekt het verplichte attribuut '{attribute_name}'"
        if "not allowed" in message:
            return f"Het attribuut '{attribute_name}' is niet toegestaan bij het element '{name}'"
        return (
            f"Het attribuut '{attribute_name}' van het element '{name}' heeft een ongeldige waarde"
        )
    if "Missing child element" in message:
        return f"In het element '{name}' ontbreekt een verplicht element"
    if "not expected" in message:
        return f"Het element '{name}' wordt op deze plaats niet verwacht"
    if "IDC" in kind or "key-sequence" in message or "Duplicate key" in message:
        return f"Een sleutel of verwijzing bij het element '{name}' is ongeldig of niet uniek"
    if any(part in kind for part in _VALUE_ERRORS) or "not a valid value" in message:
        return f"Het element '{name}' heeft een ongeldige waarde"
    return f"Het element '{name}' voldoet niet aan het schema"
