"""Shared checks of GKV answers: the element paths below ``return`` and schema validation."""

from __future__ import annotations

import functools
from typing import cast

from lxml import etree

from koppel.las.gkv import schemas

NS = "http://www.topicus.nl/parnassys"


def paden(ret: etree._Element) -> set[str]:
    """The path below ``return`` of every element it holds."""
    result: set[str] = set()
    for element in ret.iterdescendants():
        if isinstance(element.tag, str):
            delen = [etree.QName(e).localname for e in element.iterancestors()]
            stam = delen[: delen.index("return")]
            result.add("/".join([*reversed(stam), etree.QName(element).localname]))
    return result


def return_element(content: bytes) -> etree._Element:
    (ret,) = cast(
        list[etree._Element], etree.fromstring(content).xpath("//*[local-name()='return']")
    )
    return ret


@functools.cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.fromstring(schemas.document("gkv.xsd")))


def assert_schema_valid(response_element: etree._Element | None) -> None:
    assert response_element is not None
    schema = _schema()
    assert schema.validate(response_element), schema.error_log
