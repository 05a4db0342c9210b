r"""Koppel's own XML Schemas and WSDLs for UWLR 2.1-2.3 (Edustandaard), loaded offline.

The files in this package are written for Koppel from the UWLR 2.2 standard: same namespaces,
element and attribute names, types, enumerations and cardinalities, so every message that is valid
against the official 2.2 files is valid here. Deliberate relaxations:

(a) ``school/schooljaar`` in leerlinggegevens answers is the request pattern
    ``[1-2]\p{Nd}{3}-[1-2]\p{Nd}{3}`` instead of the official enumeration ending at ``2024-2025``;
(b) ``autorisatiesleutel``, ``klantcode`` and ``klantnaam`` are 1..1024 characters instead of 1..64,
    because LASes issue longer keys;
(c) ``leerling/@key`` is optional, because under UWLR 2.3 the ECK-iD may be a pupil's only key; the
    codec requires the key for ``xsdversie`` before 2.3.

``leerlinggegevens.xsd`` declares no identity constraints: the official ones use unprefixed XPaths
and never took effect, so the codec checks unique keys, ECK-iDs and group references in code.
``leerresultaten.xsd`` keeps its working constraints (unique ``resultaat/@key`` and ``toetscode``,
``resultaat/toetscode`` refers to a ``toets``, unique ``toetsonderdeelvolgnummer`` per ``toets``).

:func:`schema` gives a compiled schema per message family. :func:`wsdl` and :func:`served_document`
give the bytes a LAS publishes at ``<endpoint>?wsdl`` and ``<endpoint>?xsd=<file>``: every
``schemaLocation`` becomes ``?xsd=<file>``, which a SOAP client resolves against the URL it fetched
the WSDL from.
"""

from __future__ import annotations

import functools
import threading
from importlib import resources
from typing import Any, Final, Literal
from urllib.parse import urlsplit

from lxml import etree

from koppel.uwlr.faults import UwlrError

__all__ = [
    "DOCUMENTS",
    "SchemaName",
    "ServiceName",
    "UnknownDocument",
    "document",
    "load_schema",
    "schema",
    "served_document",
    "wsdl",
]

SchemaName = Literal["autorisatie", "leerlinggegevens", "leerresultaten"]
ServiceName = Literal["leerlinggegevens", "leerresultaten"]

#: every file of this package that :func:`document` hands out
DOCUMENTS: Final = frozenset(
    {
        "autorisatie.xsd",
        "edexml-codes.xsd",
        "edexml.xsd",
        "leerlinggegevens.xsd",
        "leerlinggegevens.wsdl",
        "leerresultaten.xsd",
        "leerresultaten.wsdl",
        "oso.xsd",
        "soap-envelope.xsd",
    }
)

_XSD = "http://www.w3.org/2001/XMLSchema"
_WSDL_SOAP = "http://schemas.xmlsoap.org/wsdl/soap/"
# A base URL that never reaches a network: the resolver answers every file below it from the
# package, so includes and imports resolve here even when the package is zipped.
_BASE_URL: Final = "file:///koppel/uwlr/schemas/"
_SCHEMA_REFERENCES = tuple(f"{{{_XSD}}}{tag}" for tag in ("include", "import", "redefine"))

_lock = threading.Lock()


class UnknownDocument(UwlrError, LookupError):
    """The name is not one of this package's schema or WSDL files."""


def document(filename: str) -> bytes:
    """Return the bytes of one of this package's XSD or WSDL files, as stored."""
    if filename not in DOCUMENTS:
        raise UnknownDocument(filename)
    return resources.files(__name__).joinpath(filename).read_bytes()


def served_document(filename: str) -> bytes:
    """Return a file as a LAS serves it at ``?xsd=<file>``: references rewritten to ``?xsd=``."""
    root = _parse(filename)
    _rewrite_schema_locations(root)
    return _serialise(root)


def wsdl(service: ServiceName, location: str) -> bytes:
    """Return the WSDL of ``service`` with every port at ``location`` and schemas at ``?xsd=``.

    ``location`` is the absolute http(s) URL of the LAS endpoint, e.g.
    ``https://las.example/uwlr/leerlinggegevens``.
    """
    if service not in ("leerlinggegevens", "leerresultaten"):
        raise UnknownDocument(f"{service}.wsdl")
    parts = urlsplit(location)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not an absolute http(s) URL: {location!r}")
    root = _parse(f"{service}.wsdl")
    _rewrite_schema_locations(root)
    for address in root.iter(f"{{{_WSDL_SOAP}}}address"):
        address.set("location", location)
    return _serialise(root)


def schema(name: SchemaName) -> etree.XMLSchema:
    """Return the compiled schema for one message family; built once, then shared.

    Safe to call from any thread: the first call builds, every call returns the same object.
    lxml keeps one ``error_log`` per schema object, so threads that validate concurrently and
    read the error messages should each use their own :func:`load_schema`.
    """
    with _lock:
        return _cached_schema(name)


def load_schema(name: SchemaName) -> etree.XMLSchema:
    """Compile a fresh schema for one message family from the package's files."""
    filename = f"{name}.xsd"
    if name not in ("autorisatie", "leerlinggegevens", "leerresultaten"):
        raise UnknownDocument(filename)
    return etree.XMLSchema(etree.ElementTree(_parse(filename)))


@functools.cache
def _cached_schema(name: SchemaName) -> etree.XMLSchema:
    return load_schema(name)


class _PackageResolver(etree.Resolver):
    """Answers includes and imports from the package; never from disk or network."""

    def resolve(self, system_url: str, public_id: str, context: Any = None) -> Any:
        if system_url.startswith(_BASE_URL):
            name = system_url.removeprefix(_BASE_URL)
            if name in DOCUMENTS:
                return self.resolve_string(document(name), context, base_url=system_url)
        raise UnknownDocument(system_url)


def _parser() -> etree.XMLParser:
    # Our own trusted files, but parsed as carefully as anything else.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=False)
    parser.resolvers.add(_PackageResolver())
    return parser


def _parse(filename: str) -> etree._Element:
    return etree.fromstring(document(filename), _parser(), base_url=_BASE_URL + filename)


def _rewrite_schema_locations(root: etree._Element) -> None:
    for reference in root.iter(*_SCHEMA_REFERENCES):
        location = reference.get("schemaLocation")
        if location is not None:
            reference.set("schemaLocation", "?xsd=" + location.rsplit("/", 1)[-1])


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
