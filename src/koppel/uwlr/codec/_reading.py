"""Reading the UWLR complex types declared in :mod:`koppel.uwlr.codec._fields`.

Speed matters here: a school of 1,500 pupils must decode within a small factor of libxml2's own
parse and validation. So each element is read in one pass over its children with a dict lookup on
the precomputed tag, and schema-valid input (strict mode, after validation) goes straight into the
dataclass instance without the order, duplicate and emptiness bookkeeping that lenient mode needs.

Lenient mode accepts children out of order, in another namespace, empty or unknown, and reports
each such tolerance once through :class:`~koppel.uwlr.codec._xml.Context`; missing required data
is refused in both modes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from lxml import etree

from koppel.uwlr.codec._fields import (
    ELEMENT,
    KEY,
    MANY,
    PARSED,
    ComplexType,
    Read,
    Veld,
    element,
    write_element,
)
from koppel.uwlr.codec._xml import Context

__all__ = ["Structure", "read_fields", "read_items", "reader"]

_ABSENT: Any = object()  # marks a required field no child has filled yet
_put = setattr


class Structure:
    """A complex type bound to its dataclass: ``read(el, ctx)``, ``write(parent, tag, value)``."""

    def __init__(self, ctype: ComplexType) -> None:
        self.ctype = ctype
        self.read = reader(ctype)

    def write(self, parent: etree._Element, tag: str, value: Any) -> None:
        write_element(parent, tag, self.ctype, value)

    def veld(self, local: str, **options: Any) -> Veld:
        """The field of a parent type that holds one of these."""
        return element(local, self.read, self.write, **options)


def reader(ctype: ComplexType) -> Read:
    """The function that reads an element of ``ctype`` into an instance of ``ctype.cls``.

    The loop is written out here rather than called: for 1,500 pupils the
    saved call and lookups are a tenth of the decode time.
    """
    assert ctype.cls is not None
    blank, finish, make = _blank(ctype), _finish(ctype), _constructor(ctype)
    lookup, put, key, parsed, element = ctype.fast.get, setattr, KEY, PARSED, ELEMENT

    def read(el: etree._Element, ctx: Context) -> Any:
        if not ctx.strict:
            return make(_lenient_values(el, ctype, ctx))
        obj = blank()
        lists: dict[str, list[Any]] | None = None
        # Order, single occurrence and non-empty text are the schema's job, already done.
        for child in el:
            entry = lookup(child.tag)
            if entry is None:
                ctype.fallback(child, ctx)  # skips a comment, raises for anything else
                continue
            name, kind, function = entry
            if not kind:  # PLAIN, the most common
                put(obj, name, child.text)
            elif kind == key:
                put(obj, name, child.get("key"))
            elif kind == parsed:
                try:
                    put(obj, name, function(child.text))
                except (ValueError, TypeError, AttributeError):
                    _invalid(ctype.by_name[name], ctype, ctx)
            elif kind == element:
                put(obj, name, function(child, ctx))
            else:
                lists = lists if lists is not None else {}
                lists.setdefault(name, []).append(_item(child, kind, function, ctx))
        if lists:
            for name, items in lists.items():
                put(obj, name, tuple(items))
        return finish(obj, el, ctx)

    return read


def read_items(el: etree._Element, ctype: ComplexType, ctx: Context) -> tuple[Any, ...]:
    """The items of a schema-valid list wrapper (``ctype`` has one ``many`` field, ``items``)."""
    items: list[Any] = []
    append, lookup = items.append, ctype.fast.get
    for child in el:
        entry = lookup(child.tag)
        if entry is None:
            ctype.fallback(child, ctx)
            continue
        kind, function = entry[1], entry[2]
        if kind & ELEMENT:
            append(function(child, ctx))
        else:
            append(_item(child, kind, function, ctx))
    return tuple(items)


def read_fields(el: etree._Element, ctype: ComplexType, ctx: Context) -> dict[str, Any]:
    """The children of ``el`` as a dict of field name to value (for types without a class)."""
    values = _valid_dict(el, ctype, ctx) if ctx.strict else _lenient_children(el, ctype, ctx)
    for name in ctype.many:
        if name in values:
            values[name] = tuple(values[name])
    for veld in ctype.required:
        if veld.name not in values:
            _missing(veld, ctype, ctx)
    return values


def _item(child: etree._Element, kind: int, function: Any, ctx: Context) -> Any:
    """One item of a repeated field."""
    if kind & KEY:
        return child.get("key")
    if kind & ELEMENT:
        return function(child, ctx)
    return function(child.text) if kind & PARSED else child.text


def _valid_dict(el: etree._Element, ctype: ComplexType, ctx: Context) -> dict[str, Any]:
    """Schema-valid children into a dict (wrappers and other types without a class)."""
    values: dict[str, Any] = {}
    fast = ctype.fast
    for child in el:
        entry = fast.get(child.tag)
        if entry is None:
            ctype.fallback(child, ctx)
            continue
        name, kind, function = entry
        if kind & KEY:
            value = child.get("key")
        elif kind & ELEMENT:
            value = function(child, ctx)
        elif kind & PARSED:
            try:
                value = function(child.text)
            except (ValueError, TypeError, AttributeError):
                _invalid(ctype.by_name[name], ctype, ctx)
        else:
            value = child.text
        if kind & MANY:
            values.setdefault(name, []).append(value)
        else:
            values[name] = value
    return values


def _check_object(obj: Any, ctype: ComplexType, ctx: Context) -> None:
    for veld in ctype.required:
        if getattr(obj, veld.name) is _ABSENT:
            _missing(veld, ctype, ctx)
    if ctype.one_of:
        for name in ctype.one_of:
            if getattr(obj, name) is not None:
                break
        else:
            _no_one_of(ctype, ctx)


def _lenient_values(el: etree._Element, ctype: ComplexType, ctx: Context) -> dict[str, Any]:
    values = read_fields(el, ctype, ctx)
    for attribute in ctype.attributes:
        value = el.get(attribute.name)
        if value == "":
            ctx.tolerate(f"Het attribuut '{attribute.name}' van '{ctype.label}' is leeg")
            value = None
        if value is None and attribute.required:
            _missing_attribute(el, attribute.name, ctx)
        values[attribute.field] = value
    if ctype.one_of and not any(values.get(name) is not None for name in ctype.one_of):
        _no_one_of(ctype, ctx)
    return values


def _lenient_children(el: etree._Element, ctype: ComplexType, ctx: Context) -> dict[str, Any]:
    values: dict[str, Any] = {}
    last = -1
    for child in el:
        entry = ctype.by_tag.get(child.tag)
        if entry is None:
            entry = ctype.fallback(child, ctx)
            if entry is None:
                continue
        order, name, parse, read, many, veld = entry
        if order < last:
            ctx.tolerate(
                f"De elementen in '{ctype.label}' staan niet in de volgorde van het schema"
            )
        last = max(last, order)
        if read is None:
            value: Any = child.text
            if not value or not value.strip():
                ctx.tolerate(
                    f"Het lege element '{veld.local}' in '{ctype.label}' is als afwezig behandeld"
                )
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


def _invalid(veld: Veld, ctype: ComplexType, ctx: Context) -> None:
    message = f"Het element '{veld.local}' in '{ctype.label}' heeft een ongeldige waarde"
    if veld.required:
        ctx.fail(message)
    ctx.tolerate(message + " en is genegeerd")


def _missing(veld: Veld, ctype: ComplexType, ctx: Context) -> None:
    ctx.fail(f"Het verplichte element '{veld.local}' ontbreekt in '{ctype.label}'")


def _missing_attribute(el: etree._Element, name: str, ctx: Context) -> None:
    ctx.fail(f"Het verplichte attribuut '{name}' van '{etree.QName(el).localname}' ontbreekt")


def _no_one_of(ctype: ComplexType, ctx: Context) -> None:
    ctx.fail(f"Een {ctype.label} moet een {' of een '.join(ctype.one_of)} hebben")


# --- building frozen dataclasses fast -------------------------------------------------------------


def _twin(cls: type[Any]) -> type[Any]:
    """A mutable subclass with the same slots as the frozen dataclass ``cls``.

    A frozen dataclass stores each field through ``object.__setattr__``, about ten times the cost
    of a plain slot store; for 1,500 pupils of 37 fields that alone would exceed the decode budget.
    Instances are filled as this twin and then get ``cls`` as their class (same layout, so Python
    allows the switch): the result is an ordinary, frozen ``cls`` instance.
    """
    namespace = {
        "__slots__": (),
        "__setattr__": object.__setattr__,
        "__delattr__": object.__delattr__,
    }
    return type(f"_Mutable{cls.__name__}", (cls,), namespace)


def _generate(name: str, lines: list[str], env: dict[str, Any]) -> Callable[..., Any]:
    exec("\n".join(lines), env)
    function: Callable[..., Any] = env[name]
    return function


def _blank(ctype: ComplexType) -> Callable[[], Any]:
    """A twin instance with every default filled in, and ``_ABSENT`` for required fields."""
    assert ctype.cls is not None
    required = {veld.name for veld in ctype.required}
    env: dict[str, Any] = {"new": object.__new__, "twin": _twin(ctype.cls), "ABSENT": _ABSENT}
    lines = ["def blank():", "    o = new(twin)"]
    for number, field in enumerate(dataclasses.fields(ctype.cls)):
        if field.name in required or field.default is dataclasses.MISSING:
            lines.append(f"    o.{field.name} = ABSENT")
        else:
            env[f"default{number}"] = field.default
            lines.append(f"    o.{field.name} = default{number}")
    return _generate("blank", [*lines, "    return o"], env)


def _finish(ctype: ComplexType) -> Callable[[Any, etree._Element, Context], Any]:
    """Read the attributes into a twin from :func:`_blank`, check it and make it a ``cls``.

    Generated per type so that each attribute is one ``el.get`` and one slot store, and the
    required and ``one_of`` fields are tested inline; a failing test calls the fault builders.
    """
    assert ctype.cls is not None
    env: dict[str, Any] = {
        "cls": ctype.cls, "ctype": ctype, "ABSENT": _ABSENT,
        "missing_attribute": _missing_attribute, "check_object": _check_object,
    }  # fmt: skip
    lines = ["def finish(o, el, ctx):"]
    for name, field, required in ctype.attribute_specs:
        lines.append(f"    o.{field} = value = el.get({name!r})")
        if required:
            lines.append(f"    if value is None: missing_attribute(el, {name!r}, ctx)")
    tests = [f"o.{veld.name} is ABSENT" for veld in ctype.required]
    if ctype.one_of:
        tests.append(" and ".join(f"o.{name} is None" for name in ctype.one_of))
    if tests:
        lines.append(f"    if {' or '.join(f'({test})' for test in tests)}:")
        lines.append("        check_object(o, ctype, ctx)")
    lines += ["    o.__class__ = cls", "    return o"]
    return _generate("finish", lines, env)


def _constructor(ctype: ComplexType) -> Callable[[dict[str, Any]], Any]:
    """``lambda values: cls(**values)``, through the twin like :func:`_blank`."""
    assert ctype.cls is not None
    blank, cls = _blank(ctype), ctype.cls

    def make(values: dict[str, Any]) -> Any:
        obj = blank()
        for name, value in values.items():
            _put(obj, name, value)
        obj.__class__ = cls
        return obj

    return make
