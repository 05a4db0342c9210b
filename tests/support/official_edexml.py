"""The official EDEXML 2.1 types as a schema for plain (namespace-less) EDEXML documents.

UWLR 2.2 ships EDEXML 2.1's element and type files with one change: a ``targetNamespace`` and a
default namespace were added (see the files' own change history, "UWLR v2.2 op basis van EDEXML
v2.1 20161207"). Taking those two attributes out again gives back EDEXML 2.1's own element and type
definitions. They come from the relaxed reference copy of :mod:`tests.support.official` (so
``EDEXSchooljaarType`` accepts every school year, not only those up to 2024-2025).

The root element is declared here after EDEXML 2.1's structure: ``EDEX`` holding ``school``,
optional ``vestigingen``, optional ``groepen`` (``groep`` and ``samengestelde_groep`` in any order),
``leerlingen`` and optional ``leerkrachten``, with the keys unique and every reference resolving.
"""

from __future__ import annotations

import atexit
import functools
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

from lxml import etree

from tests.support.official import official_schema_path

__all__ = ["edexml_errors"]

_FILES = ("EDEXML.elementen.xsd", "EDEXML.types.vast.xsd", "EDEXML.types.variabel.xsd")
_NAMESPACE_ATTRIBUTES = re.compile(rb'\s(?:targetNamespace|xmlns)="[^"]*"')

_ROOT = """<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xs:include schemaLocation="EDEXML.elementen.xsd"/>
  <xs:element name="EDEX">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="school" type="SchoolType"/>
        <xs:element name="vestigingen" minOccurs="0">
          <xs:complexType><xs:sequence>
            <xs:element name="vestiging" type="VestigingType" maxOccurs="unbounded"/>
          </xs:sequence></xs:complexType>
        </xs:element>
        <xs:element name="groepen" minOccurs="0">
          <xs:complexType><xs:choice maxOccurs="unbounded">
            <xs:element name="groep" type="GroepType"/>
            <xs:element name="samengestelde_groep" type="SamengesteldeGroepType"/>
          </xs:choice></xs:complexType>
        </xs:element>
        <xs:element name="leerlingen">
          <xs:complexType><xs:sequence>
            <xs:element name="leerling" type="LeerlingType" maxOccurs="unbounded"/>
          </xs:sequence></xs:complexType>
        </xs:element>
        <xs:element name="leerkrachten" minOccurs="0">
          <xs:complexType><xs:sequence>
            <xs:element name="leerkracht" type="LeerkrachtType" maxOccurs="unbounded"/>
          </xs:sequence></xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
    <xs:unique name="groepOfSamengesteld"><xs:selector xpath="groepen/*"/><xs:field xpath="@key"/></xs:unique>
    <xs:key name="groep"><xs:selector xpath="groepen/groep"/><xs:field xpath="@key"/></xs:key>
    <xs:key name="samengesteld"><xs:selector xpath="groepen/samengestelde_groep"/><xs:field xpath="@key"/></xs:key>
    <xs:key name="leerling"><xs:selector xpath="leerlingen/leerling"/><xs:field xpath="@key"/></xs:key>
    <xs:unique name="leerlingEckid"><xs:selector xpath="leerlingen/leerling"/><xs:field xpath="@eckid"/></xs:unique>
    <xs:key name="leerkracht"><xs:selector xpath="leerkrachten/leerkracht"/><xs:field xpath="@key"/></xs:key>
    <xs:unique name="leerkrachtEckid"><xs:selector xpath="leerkrachten/leerkracht"/><xs:field xpath="@eckid"/></xs:unique>
    <xs:key name="vestiging"><xs:selector xpath="vestigingen/vestiging"/><xs:field xpath="@key"/></xs:key>
    <xs:keyref name="leerlingGroep" refer="groep"><xs:selector xpath="leerlingen/leerling/groep"/><xs:field xpath="@key"/></xs:keyref>
    <xs:keyref name="leerlingSamengesteld" refer="samengesteld"><xs:selector xpath="leerlingen/leerling/samengestelde_groepen/samengestelde_groep"/><xs:field xpath="@key"/></xs:keyref>
    <xs:keyref name="leerlingVestiging" refer="vestiging"><xs:selector xpath="leerlingen/leerling/vestiging"/><xs:field xpath="@key"/></xs:keyref>
    <xs:keyref name="leerkrachtGroep" refer="groep"><xs:selector xpath="leerkrachten/leerkracht/groepen/groep"/><xs:field xpath="@key"/></xs:keyref>
    <xs:keyref name="leerkrachtSamengesteld" refer="samengesteld"><xs:selector xpath="leerkrachten/leerkracht/groepen/samengestelde_groep"/><xs:field xpath="@key"/></xs:keyref>
  </xs:element>
</xs:schema>
"""  # noqa: E501


def edexml_errors(document: bytes) -> list[str]:
    """Validate a plain EDEXML document; return the errors (none = valid)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    schema = _schema()
    if schema.validate(etree.fromstring(document, parser)):
        return []
    entries = cast(Iterable[Any], schema.error_log)  # the lxml stubs leave the log opaque
    return [f"line {entry.line}: {entry.message}" for entry in entries]


@functools.cache
def _schema() -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(_directory() / "EDEX.xsd"), parser))


@functools.cache
def _directory() -> Path:
    source = official_schema_path("leerlinggegevens").parent
    target = Path(tempfile.mkdtemp(prefix="koppel-official-edexml-"))
    atexit.register(shutil.rmtree, target, True)
    for name in _FILES:
        text = (source / name).read_bytes()
        (target / name).write_bytes(_NAMESPACE_ATTRIBUTES.sub(b"", text, count=2))
    (target / "EDEX.xsd").write_text(_ROOT, encoding="utf-8")
    return target
