"""The one hardened XML parser for untrusted input (every SOAP message a peer sends us).

UWLR messages are plain SOAP 1.1 documents: they never need a DTD, entities or processing
instructions (SOAP 1.1 section 3 forbids the latter). So this parser refuses all of them, refuses
oversized bodies before parsing and refuses documents nested deeper than any UWLR message can be.
Every refusal is a :class:`~koppel.uwlr.faults.OngeldigBericht` with a Dutch detail.
"""

from __future__ import annotations

import threading
from typing import Any

from lxml import etree

from koppel.uwlr.faults import OngeldigBericht

__all__ = ["MAX_DEPTH", "parse"]

#: The deepest UWLR message (a teacher's role in a group) is about 10 levels deep. libxml2 refuses
#: deeper nesting than this by itself while parsing (without ``huge_tree``), at no extra cost.
MAX_DEPTH = 256

_local = threading.local()


class _Tools:
    """A parser per thread: lxml parsers are not thread-safe."""

    def __init__(self) -> None:
        self.parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_comments=False,
            collect_ids=False,
        )


def _tools() -> _Tools:
    tools: _Tools | None = getattr(_local, "tools", None)
    if tools is None:
        tools = _local.tools = _Tools()
    return tools


def parse(data: bytes, *, max_bytes: int) -> etree._Element:
    """Parse untrusted bytes into the root element, or raise ``OngeldigBericht``."""
    if len(data) > max_bytes:
        raise OngeldigBericht(f"Het bericht is groter dan de toegestane {max_bytes} bytes")
    tools = _tools()
    try:
        root = etree.fromstring(data, tools.parser)
    except etree.XMLSyntaxError as error:
        raise OngeldigBericht(_syntax_detail(error)) from None
    docinfo: Any = root.getroottree().docinfo  # the stubs lack DocInfo.doctype
    # The parser neither loads nor expands anything, but a document that even declares a DTD or
    # entities is not a UWLR message; refusing it keeps entity references out of the tree.
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise OngeldigBericht("Een DOCTYPE (DTD) is in een UWLR-bericht niet toegestaan")
    if _has_processing_instruction(root):
        raise OngeldigBericht(
            "Verwerkingsinstructies (<?...?>) zijn in een SOAP-bericht niet toegestaan"
        )
    return root


def _has_processing_instruction(root: etree._Element) -> bool:
    for sibling in root.itersiblings(preceding=True):
        if isinstance(sibling, etree._ProcessingInstruction):
            return True
    for sibling in root.itersiblings():
        if isinstance(sibling, etree._ProcessingInstruction):
            return True
    return next(root.iter(etree.ProcessingInstruction), None) is not None


def _syntax_detail(error: etree.XMLSyntaxError) -> str:
    message = str(error)
    if "depth" in message:
        return f"Het bericht is dieper genest dan {MAX_DEPTH} niveaus"
    if "amplification" in message or "entit" in message.lower():
        return "Het bericht bevat entiteiten; die zijn in een UWLR-bericht niet toegestaan"
    line = error.lineno or 1
    return f"Het bericht is geen goedgevormde XML (regel {line})"
