"""The official UWLR 2.2 schemas, relaxed only where the standard has aged, for checking fixtures.

Once per test session the reference copy in ``<shared>/uwlr-xsd/v2p2/Schemas`` is copied to a
temporary directory (never into the repository) and patched in two places:

- ``EDEXSchooljaarType`` (``EDEXML.types.variabel.xsd``): the enumeration that ends at 2024-2025
  becomes the pattern the requests use, ``[1-2]\\p{Nd}{3}-[1-2]\\p{Nd}{3}``;
- ``tpString64`` in ``UWLR_Autorisatie_v2p2.xsd``: keys may be longer than 64 characters.

Everything else is the official text. ``<shared>`` is ``KOPPEL_SHARED_DIR`` when set, otherwise the
``shared`` directory next to the repository.
"""

from __future__ import annotations

import atexit
import copy
import functools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Literal, cast

from lxml import etree

__all__ = [
    "OfficialName",
    "official_available",
    "official_schema",
    "shared_dir",
    "validate_envelope_official",
]

OfficialName = Literal["autorisatie", "leerlinggegevens", "leerresultaten", "envelope"]

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
AUT = "http://www.edustandaard.nl/leerresultaten/2/autorisatie"
LG = "http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens"
LR = "http://www.edustandaard.nl/leerresultaten/2/leerresultaten"
_XS = "http://www.w3.org/2001/XMLSchema"

_FILES: dict[str, str] = {
    "autorisatie": "UWLR_Autorisatie_v2p2.xsd",
    "leerlinggegevens": "UWLR_Leerlinggegevens_v2p2.xsd",
    "leerresultaten": "UWLR_Leerresultaten_v2p2.xsd",
    "envelope": "SOAP_Envelope.xsd",
}
# Which official schema declares a body child or header block of this namespace.
_BY_NAMESPACE: dict[str, OfficialName] = {
    AUT: "autorisatie",
    LG: "leerlinggegevens",
    LR: "leerresultaten",
    SOAP_ENV: "envelope",
}
_SCHOOLJAAR_PATTERN = r"[1-2]\p{Nd}{3}-[1-2]\p{Nd}{3}"
_LONGEST_KEY = "1024"


def shared_dir() -> Path:
    """The shared reference directory: ``KOPPEL_SHARED_DIR``, else ``<repo>/../shared``, else the
    workspace's ``/work/shared`` (for a checkout made elsewhere on the same machine)."""
    override = os.environ.get("KOPPEL_SHARED_DIR")
    if override:
        return Path(override)
    beside = Path(__file__).resolve().parents[2].parent / "shared"
    return beside if beside.is_dir() else Path("/work/shared")


def _source_dir() -> Path:
    return shared_dir() / "uwlr-xsd" / "v2p2" / "Schemas"


def official_available() -> bool:
    """Whether the reference copy of the official 2.2 schemas is present."""
    return (_source_dir() / _FILES["leerlinggegevens"]).is_file()


def official_schema(name: OfficialName) -> etree.XMLSchema:
    """The relaxed official schema ``name``; compiled once per session."""
    return _compiled(name)


def validate_envelope_official(xml_bytes: bytes) -> list[str]:
    """Validate a SOAP envelope against the relaxed official set; return the errors (none = valid).

    The envelope itself (with its header blocks and body children taken out) is checked against
    ``SOAP_Envelope.xsd``, every header block against the autorisatie schema and the single body
    child against the schema of its namespace (a ``Fault`` against ``SOAP_Envelope.xsd``).
    """
    try:
        root = etree.fromstring(xml_bytes, _safe_parser())
    except etree.XMLSyntaxError as error:
        return [f"not well-formed: {error}"]
    if root.tag != f"{{{SOAP_ENV}}}Envelope":
        return [f"root is {root.tag}, not a SOAP 1.1 Envelope"]
    errors = _errors("envelope", _bare_envelope(root))
    for block in _children(root, "Header"):
        errors += _errors_by_namespace(block)
    body = _children(root, "Body")
    if len(body) != 1:
        errors.append(f"the Body has {len(body)} element children; UWLR sends exactly one")
    for child in body:
        errors += _errors_by_namespace(child)
    return errors


def _errors_by_namespace(element: etree._Element) -> list[str]:
    namespace = etree.QName(element).namespace or ""
    name = _BY_NAMESPACE.get(namespace)
    if name is None:
        return [f"no official schema declares {element.tag}"]
    return _errors(name, element)


def _errors(name: OfficialName, element: etree._Element) -> list[str]:
    schema = official_schema(name)
    if schema.validate(element):
        return []
    entries = cast(Iterable[Any], schema.error_log)  # the lxml stubs leave the log opaque
    return [f"{name}, line {entry.line}: {entry.message}" for entry in entries]


def _children(envelope: etree._Element, part: str) -> list[etree._Element]:
    found = envelope.find(f"{{{SOAP_ENV}}}{part}")
    if found is None:
        return []
    return [child for child in found if isinstance(child.tag, str)]


def _bare_envelope(envelope: etree._Element) -> etree._Element:
    bare = copy.deepcopy(envelope)
    for part in ("Header", "Body"):
        found = bare.find(f"{{{SOAP_ENV}}}{part}")
        if found is not None:
            for child in list(found):
                found.remove(child)
    return bare


def official_schema_path(name: OfficialName) -> Path:
    """The file of the relaxed official schema ``name`` (for tools that load schemas by path)."""
    return _relaxed_dir() / _FILES[name]


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@functools.cache
def _compiled(name: OfficialName) -> etree.XMLSchema:
    path = _relaxed_dir() / _FILES[name]
    return etree.XMLSchema(etree.parse(str(path), _safe_parser()))


@functools.cache
def _relaxed_dir() -> Path:
    source = _source_dir()
    if not official_available():
        raise FileNotFoundError(f"official UWLR 2.2 schemas not found in {source}")
    target = Path(tempfile.mkdtemp(prefix="koppel-official-uwlr-")) / "Schemas"
    atexit.register(shutil.rmtree, target.parent, True)
    shutil.copytree(source, target)
    _patch(target / "EDEXML.types.variabel.xsd", "EDEXSchooljaarType", _schooljaar_as_pattern)
    _patch(target / _FILES["autorisatie"], "tpString64", _longer_keys)
    return target


def _patch(path: Path, type_name: str, change: Callable[[etree._Element], None]) -> None:
    tree = etree.parse(str(path), _safe_parser())
    found = tree.getroot().find(f"{{{_XS}}}simpleType[@name='{type_name}']/{{{_XS}}}restriction")
    if found is None:
        raise LookupError(f"{type_name} not found in {path.name}; has the reference copy changed?")
    change(found)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def _schooljaar_as_pattern(restriction: etree._Element) -> None:
    for facet in restriction.findall(f"{{{_XS}}}enumeration"):
        restriction.remove(facet)
    etree.SubElement(restriction, f"{{{_XS}}}pattern", value=_SCHOOLJAAR_PATTERN)


def _longer_keys(restriction: etree._Element) -> None:
    facet = restriction.find(f"{{{_XS}}}maxLength")
    if facet is None:
        raise LookupError("tpString64 has no maxLength")
    facet.set("value", _LONGEST_KEY)
