"""Declarations of the UWLR complex types, and writing them in schema order.

Each complex type of the schemas (``LeerlingType``, ``ctpResultaat``, ...) is declared once as a
:class:`ComplexType`: its child elements in schema order, each mapped to a field of the dataclass in
:mod:`koppel.uwlr.messages`, plus its attributes. Writing walks the fields in that order, so output
is always in schema order; reading (:mod:`koppel.uwlr.codec._reading`) looks children up by their
precomputed ``{namespace}local`` tag.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

from koppel.uwlr.codec._xml import Context

__all__ = [
    "Attribuut",
    "ComplexType",
    "Veld",
    "element",
    "text",
    "wrapper",
    "write_element",
    "write_fields",
]

SubElement = etree.SubElement
Read = Callable[[etree._Element, Context], Any]
Write = Callable[[etree._Element, str, Any], None]
#: (schema order, field name, parse, read, many, veld): what the lenient reader needs per tag
Entry = tuple[int, str, Callable[[str], Any] | None, Read | None, bool, "Veld"]
#: kinds of the valid-input reader: text as is, parsed text, complex content, only a ``@key``
#: (a reference); plus MANY for repeated fields
PLAIN, PARSED, ELEMENT, MANY, KEY = 0, 1, 2, 4, 8


@dataclass(frozen=True, slots=True)
class Veld:
    """One child element (or several alternatives) mapped to one dataclass field.

    ``parse``/``format`` convert text content (``None`` means the string as is); ``read``/``write``
    handle complex content. ``many`` fields are tuples; ``alternatives`` lists
    ``(local name, read)`` for fields such as ``rollen`` (from ``rol`` or ``rolomschrijving``).
    """

    local: str
    name: str
    parse: Callable[[str], Any] | None = None
    format: Callable[[Any], str] | None = None
    read: Read | None = None
    write: Write | None = None
    many: bool = False
    required: bool = False
    zero_is_value: bool = False
    alternatives: tuple[tuple[str, Read], ...] = ()
    key_only: bool = False


@dataclass(frozen=True, slots=True)
class Attribuut:
    """An unqualified attribute (``key``, ``eckid``) or ``xsi:type`` mapped to a field."""

    name: str
    field: str
    required: bool = False


def text(
    local: str,
    *,
    name: str | None = None,
    parse: Callable[[str], Any] | None = None,
    format: Callable[[Any], str] | None = None,
    required: bool = False,
) -> Veld:
    """A child with text content (``voorletters-1`` becomes field ``voorletters_1``)."""
    return Veld(
        local, name or local.replace("-", "_"), parse=parse, format=format,
        required=required, zero_is_value=parse is not None,
    )  # fmt: skip


def element(
    local: str,
    read: Read,
    write: Write,
    *,
    name: str | None = None,
    many: bool = False,
    required: bool = False,
    alternatives: tuple[tuple[str, Read], ...] = (),
    key_only: bool = False,
) -> Veld:
    """A child with complex content; ``write`` gets the tag and one value.

    ``key_only`` marks a reference whose value is its ``@key``: valid input skips ``read`` then.
    """
    return Veld(
        local, name or local.replace("-", "_"), read=read, write=write, many=many,
        required=required, alternatives=alternatives, key_only=key_only,
    )  # fmt: skip


def wrapper(
    local: str, inner: ComplexType, *, name: str | None = None, required: bool = False
) -> Veld:
    """A list wrapper such as ``leerlingen``: the field is the tuple of its items (``inner`` has one
    ``many`` field named ``items``); an empty tuple omits the wrapper."""
    from koppel.uwlr.codec._reading import read_fields, read_items  # it imports this module

    def read(child: etree._Element, ctx: Context) -> Any:
        if ctx.strict:
            items = read_items(child, inner, ctx)
        else:
            items = read_fields(child, inner, ctx).get("items", ())
        if not items:
            (ctx.fail if required else ctx.tolerate)(f"Het element '{local}' is leeg")
        return items

    def write(parent: etree._Element, tag: str, value: Any) -> None:
        item_tag, item_veld = inner.tagged[0]
        write_items(SubElement(parent, tag), item_tag, item_veld, value)

    return element(local, read, write, name=name, required=required)


class ComplexType:
    """The children (in schema order, namespace ``ns``) and attributes of one complex type.

    With ``cls`` the type is read straight into instances of that dataclass; ``one_of`` names
    fields of which at least one must be present (EDEXML's name choice).
    """

    def __init__(
        self,
        label: str,
        ns: str,
        velden: Sequence[Veld],
        *,
        cls: type[Any] | None = None,
        attributes: Sequence[Attribuut] = (),
        one_of: tuple[str, ...] = (),
    ) -> None:
        self.label, self.ns, self.cls = label, ns, cls
        self.velden = tuple(velden)
        self.attributes = tuple(attributes)
        self.attribute_specs = tuple((a.name, a.field, a.required) for a in self.attributes)
        self.one_of = one_of
        self.tagged = tuple((f"{{{ns}}}{veld.local}", veld) for veld in self.velden)
        self.by_tag: dict[str, Entry] = {}
        for order, veld in enumerate(self.velden):
            for local, read in veld.alternatives or ((veld.local, veld.read),):
                self.by_tag[f"{{{ns}}}{local}"] = (
                    order,
                    veld.name,
                    veld.parse,
                    read,
                    veld.many,
                    veld,
                )
        self.by_local = {tag.rpartition("}")[2]: entry for tag, entry in self.by_tag.items()}
        self.fast: dict[str, tuple[str, int, Any]] = {
            tag: (name, (MANY if many else 0) + (
                KEY if veld.key_only and not many else
                ELEMENT if read is not None else PARSED if parse is not None else PLAIN
            ), read or parse)
            for tag, (_, name, parse, read, many, veld) in self.by_tag.items()
        }  # fmt: skip
        self.by_name = {veld.name: veld for veld in self.velden}
        self.many = tuple(veld.name for veld in self.velden if veld.many)
        self.required = tuple(veld for veld in self.velden if veld.required)
        if cls is not None:
            self._check_fields(cls)

    def _check_fields(self, cls: type[Any]) -> None:
        """Fail at import when the table and the dataclass disagree, not silently at runtime."""
        fields = {field.name: field for field in dataclasses.fields(cls)}
        filled = {veld.name for veld in self.velden} | {a.field for a in self.attributes}
        if not filled <= set(fields):
            raise TypeError(f"{self.label}: {sorted(filled - set(fields))} not in {cls.__name__}")
        must = {name for name, f in fields.items() if f.default is dataclasses.MISSING}
        given = {veld.name for veld in self.required} | {a.field for a in self.attributes}
        if not must <= given:
            raise TypeError(f"{self.label}: {sorted(must - given)} of {cls.__name__} never read")

    def fallback(self, child: etree._Element, ctx: Context) -> Entry | None:
        """A child whose tag is not in the table: a comment, another namespace, or unknown."""
        tag = child.tag
        if not isinstance(tag, str):
            return None
        local = tag.rpartition("}")[2]
        entry = self.by_local.get(local)
        if entry is not None:
            ctx.tolerate(f"Het element '{local}' in '{self.label}' heeft een onjuiste namespace")
            return entry
        ctx.tolerate(f"Het onbekende element '{local}' in '{self.label}' is genegeerd")
        return None


def write_fields(parent: etree._Element, ctype: ComplexType, obj: object) -> None:
    """Append the children of ``obj`` to ``parent`` in schema order, leaving out empty values."""
    for tag, veld in ctype.tagged:
        value = getattr(obj, veld.name)
        if value is None or (not value and not veld.zero_is_value):
            continue
        if veld.many:
            write_items(parent, tag, veld, value)
        elif veld.write is not None:
            veld.write(parent, tag, value)
        else:
            SubElement(parent, tag).text = value if veld.format is None else veld.format(value)


def write_items(parent: etree._Element, tag: str, veld: Veld, items: Sequence[Any]) -> None:
    for item in items:
        if veld.write is not None:
            veld.write(parent, tag, item)
        else:
            SubElement(parent, tag).text = item if veld.format is None else veld.format(item)


def write_element(parent: etree._Element, tag: str, ctype: ComplexType, obj: object) -> None:
    """``obj`` as element ``tag``: its declared attributes, then its children."""
    attrib = {}
    for attribute in ctype.attributes:
        value = getattr(obj, attribute.field)
        if value is not None and value != "":
            attrib[attribute.name] = str(value)
    write_fields(SubElement(parent, tag, attrib), ctype, obj)
