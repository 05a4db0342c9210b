"""Table-driven reading and writing of the UWLR complex types.

Each complex type of the schemas (``LeerlingType``, ``ctpResultaat``, ...) is declared once as a
:class:`ComplexType`: its child elements in schema order, each mapped to a dataclass field. Writing
walks the fields in that order (so output is always in schema order); reading makes one pass over the
children with a dict lookup on the precomputed ``{namespace}local`` tag, which is what keeps decoding
within a small factor of libxml2's own parse and validation.

In lenient mode the reader accepts children out of order, in another namespace, empty or unknown,
and reports each such tolerance once through :class:`~koppel.uwlr.codec._xml.Context`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from lxml import etree

from koppel.uwlr.codec._xml import Context

__all__ = [
    "ComplexType",
    "Veld",
    "constructor",
    "element",
    "read_fields",
    "text",
    "wrapper",
    "write_fields",
]

T = TypeVar("T")

SubElement = etree.SubElement
Read = Callable[[etree._Element, Context], Any]
Write = Callable[[etree._Element, str, Any], None]
_PLAIN, _PARSED, _ELEMENT, _MANY = 0, 1, 2, 4
Entry = tuple[int, str, Callable[[str], Any] | None, Read | None, bool, "Veld"]


@dataclass(frozen=True, slots=True)
class Veld:
    """One child element (or several alternatives) mapped to one dataclass field.

    ``parse``/``format`` convert text content (``None`` means the string as is); ``read``/``write``
    handle complex content. ``many`` fields are tuples; ``tags`` lists ``(local name, read)``
    alternatives for fields such as ``rollen`` that come from ``rol`` or ``rolomschrijving``.
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


def text(
    local: str,
    *,
    name: str | None = None,
    parse: Callable[[str], Any] | None = None,
    format: Callable[[Any], str] | None = None,
    many: bool = False,
    required: bool = False,
) -> Veld:
    """A child with text content (``voorletters-1`` becomes field ``voorletters_1``)."""
    return Veld(
        local, name or local.replace("-", "_"), parse=parse, format=format, many=many,
        required=required, zero_is_value=parse is not None,
    )


def element(
    local: str,
    read: Read,
    write: Write,
    *,
    name: str | None = None,
    many: bool = False,
    required: bool = False,
    alternatives: tuple[tuple[str, Read], ...] = (),
) -> Veld:
    """A child with complex content; ``write`` gets the tag and one value."""
    return Veld(
        local, name or local.replace("-", "_"), read=read, write=write, many=many,
        required=required, alternatives=alternatives,
    )


def wrapper(local: str, inner: ComplexType, *, name: str | None = None, required: bool = False) -> Veld:
    """A list wrapper such as ``leerlingen``: the field is the tuple of its items (``inner`` has one
    ``many`` field named ``items``); an empty tuple omits the wrapper."""

    def read(child: etree._Element, ctx: Context) -> Any:
        items = read_fields(child, inner, ctx).get("items", ())
        if not items:
            (ctx.fail if required else ctx.tolerate)(f"Het element '{local}' is leeg")
        return items

    def write(parent: etree._Element, tag: str, value: Any) -> None:
        item_tag, item_veld = inner.tagged[0]
        write_items(SubElement(parent, tag), item_tag, item_veld, value)

    return element(local, read, write, name=name, required=required)


class ComplexType:
    """The children of one complex type, in schema order, in namespace ``ns``."""

    def __init__(self, label: str, ns: str, velden: Sequence[Veld]) -> None:
        self.label = label
        self.ns = ns
        self.velden = tuple(velden)
        self.tagged = tuple((f"{{{ns}}}{veld.local}", veld) for veld in self.velden)
        # (order, field name, parse, read, many, veld) per tag: tuple unpacking is the cheapest way
        # to get at several values in the hot loop.
        self.by_tag: dict[str, Entry] = {}
        for order, veld in enumerate(self.velden):
            for local, read in veld.alternatives or ((veld.local, veld.read),):
                self.by_tag[f"{{{ns}}}{local}"] = (
                    order, veld.name, veld.parse, read, veld.many, veld
                )
        self.by_local = {tag.rpartition("}")[2]: entry for tag, entry in self.by_tag.items()}
        # The valid-input loop needs less: (field name, kind, function) with kind one of _PLAIN,
        # _PARSED, _ELEMENT, plus _MANY for repeated fields.
        self.fast: dict[str, tuple[str, int, Any]] = {
            tag: (name, (_MANY if many else 0) + (
                _ELEMENT if read is not None else _PARSED if parse is not None else _PLAIN
            ), read or parse)
            for tag, (_, name, parse, read, many, _) in self.by_tag.items()
        }  # fmt: skip
        self.by_name = {veld.name: veld for veld in self.velden}
        self.many = tuple(veld.name for veld in self.velden if veld.many)
        self.required = tuple(veld for veld in self.velden if veld.required)

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


def read_fields(el: etree._Element, ctype: ComplexType, ctx: Context) -> dict[str, Any]:
    """One pass over the children of ``el``: a dict of field name to value."""
    if ctx.strict:
        values = _read_valid(el, ctype, ctx)
    else:
        values = _read_lenient(el, ctype, ctx)
    for name in ctype.many:
        if name in values:
            values[name] = tuple(values[name])
    for veld in ctype.required:
        if veld.name not in values:
            ctx.fail(f"Het verplichte element '{veld.local}' ontbreekt in '{ctype.label}'")
    return values


def _read_valid(el: etree._Element, ctype: ComplexType, ctx: Context) -> dict[str, Any]:
    """The hot loop for schema-valid input: order, occurrence and non-empty text are checked."""
    values: dict[str, Any] = {}
    fast = ctype.fast
    for child in el:
        entry = fast.get(child.tag)  # type: ignore[call-overload]
        if entry is None:
            if ctype.fallback(child, ctx) is None:  # a comment (anything else raised)
                continue
            raise AssertionError("unreachable: strict fallback raises")
        name, kind, function = entry
        if kind == _PLAIN:
            values[name] = child.text
        elif kind == _ELEMENT:
            values[name] = function(child, ctx)
        elif kind == _PARSED:
            try:
                values[name] = function(child.text)
            except (ValueError, TypeError, AttributeError):
                _invalid(ctype.by_name[name], ctype, ctx)
        else:
            item = function(child, ctx) if kind & _ELEMENT else child.text
            values.setdefault(name, []).append(item)
    return values


def _read_lenient(el: etree._Element, ctype: ComplexType, ctx: Context) -> dict[str, Any]:
    values: dict[str, Any] = {}
    last = -1
    for child in el:
        entry = ctype.by_tag.get(child.tag)  # type: ignore[call-overload]
        if entry is None:
            entry = ctype.fallback(child, ctx)
            if entry is None:
                continue
        order, name, parse, read, many, veld = entry
        if order < last:
            ctx.tolerate(f"De elementen in '{ctype.label}' staan niet in de volgorde van het schema")
        last = max(last, order)
        if read is None:
            value: Any = child.text
            if not value:
                ctx.tolerate(f"Het lege element '{veld.local}' in '{ctype.label}' is als afwezig behandeld")
                continue
            if parse is not None:
                try:
                    value = parse(value)
                except ValueError:
                    _invalid(veld, ctype, ctx)
                    continue
        else:
            value = read(child, ctx)
            if value is None:  # the reader tolerated an empty or unusable element
                continue
        if many:
            values.setdefault(name, []).append(value)
        elif name in values:
            ctx.tolerate(f"Het element '{veld.local}' komt meer dan eens voor in '{ctype.label}'")
        else:
            values[name] = value
    return values


def constructor(cls: type[T], ctype: ComplexType | None = None) -> Callable[[dict[str, Any]], T]:
    """A fast ``lambda values: cls(**values)`` for a frozen, slotted dataclass.

    A frozen dataclass's ``__init__`` stores every field through ``object.__setattr__``, which costs
    about ten times a plain slot store; for 1,500 pupils of 37 fields that alone would exceed the
    decode budget. So the fields are stored on a mutable twin with the same slots, whose class is
    then switched to ``cls`` (same layout, so Python allows it). The result is an ordinary, frozen
    ``cls`` instance. Fields without a default must be in ``values``; ``ctype`` is checked to fill
    only fields ``cls`` has (a misspelt one would otherwise be dropped silently).
    """
    names = {field.name for field in dataclasses.fields(cls)}  # type: ignore[arg-type]
    if ctype is not None and not {veld.name for veld in ctype.velden} <= names:
        raise TypeError(f"{ctype.label} has fields that {cls.__name__} lacks")
    twin = type(
        f"_Mutable{cls.__name__}",
        (cls,),
        {"__slots__": (), "__setattr__": object.__setattr__, "__delattr__": object.__delattr__},
    )
    env: dict[str, Any] = {"new": object.__new__, "twin": twin, "cls": cls}
    lines = ["def make(values):", "    o = new(twin)", "    get = values.get"]
    for number, field in enumerate(dataclasses.fields(cls)):  # type: ignore[arg-type]
        if field.default is dataclasses.MISSING:
            lines.append(f"    o.{field.name} = values[{field.name!r}]")
        else:
            env[f"default{number}"] = field.default
            lines.append(f"    o.{field.name} = get({field.name!r}, default{number})")
    lines += ["    o.__class__ = cls", "    return o"]
    exec("\n".join(lines), env)  # noqa: S102 - source built above from the dataclass's own fields
    make: Callable[[dict[str, Any]], T] = env["make"]
    return make


def _invalid(veld: Veld, ctype: ComplexType, ctx: Context) -> None:
    message = f"Het element '{veld.local}' in '{ctype.label}' heeft een ongeldige waarde"
    if veld.required:
        ctx.fail(message)
    ctx.tolerate(message + " en is genegeerd")


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
