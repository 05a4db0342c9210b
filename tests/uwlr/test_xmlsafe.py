"""The hardened parser refuses everything a UWLR message never needs, quickly and without IO."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from koppel.uwlr.faults import OngeldigBericht
from koppel.uwlr.xmlsafe import MAX_DEPTH, parse

BIG = 10_000_000

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>"""


def refused_fast(data: bytes, *, max_bytes: int = BIG) -> str:
    start = time.perf_counter()
    with pytest.raises(OngeldigBericht) as caught:
        parse(data, max_bytes=max_bytes)
    assert time.perf_counter() - start < 1.0
    return caught.value.detail or ""


def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_a_plain_document_is_parsed() -> None:
    assert parse(b"<a><b>tekst</b></a>", max_bytes=100)[0].text == "tekst"


def test_comments_are_kept_for_the_caller() -> None:
    assert len(parse(b"<a><!-- opmerking --></a>", max_bytes=100)) == 1


def test_malformed_xml_is_refused_with_a_line_number() -> None:
    assert "regel 2" in refused_fast(b"<a>\n<b></a>")


def test_an_empty_body_is_refused() -> None:
    refused_fast(b"")


def test_an_oversized_body_is_refused_before_parsing() -> None:
    assert "groter" in refused_fast(b"<a>" + b"x" * 200 + b"</a>", max_bytes=100)


def test_the_billion_laughs_are_refused_without_expansion() -> None:
    refused_fast(LAUGHS)


def test_a_small_internal_entity_is_refused_as_a_doctype() -> None:
    detail = refused_fast(b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>')
    assert "DOCTYPE" in detail


def test_an_external_file_entity_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIM-12345")
    data = f'<!DOCTYPE a [<!ENTITY x SYSTEM "file://{secret}">]><a>&x;</a>'.encode()
    assert "GEHEIM" not in refused_fast(data)


def test_an_external_http_entity_makes_no_connection() -> None:
    port = closed_port()
    data = f'<!DOCTYPE a [<!ENTITY x SYSTEM "http://127.0.0.1:{port}/x">]><a>&x;</a>'.encode()
    # With a closed port a fetch attempt would surface as a network error instead of the refusal.
    assert "DOCTYPE" in refused_fast(data)


def test_an_external_dtd_is_neither_loaded_nor_accepted() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        server.setblocking(False)
        port = server.getsockname()[1]
        refused_fast(f'<!DOCTYPE a SYSTEM "http://127.0.0.1:{port}/a.dtd"><a/>'.encode())
        with pytest.raises(BlockingIOError):
            server.accept()  # nobody connected


def test_ten_thousand_levels_of_nesting_are_refused() -> None:
    assert "genest" in refused_fast(b"<a>" * 10_000 + b"</a>" * 10_000)


def test_nesting_just_beyond_the_limit_is_refused() -> None:
    depth = MAX_DEPTH + 1
    refused_fast(b"<a>" * depth + b"</a>" * depth)


def test_nesting_at_the_limit_is_accepted() -> None:
    parse(b"<a>" * MAX_DEPTH + b"</a>" * MAX_DEPTH, max_bytes=BIG)


def test_processing_instructions_are_refused() -> None:
    refused_fast(b"<a><?php echo 1; ?></a>")
    refused_fast(b'<?xml-stylesheet href="x.xsl"?><a/>')


def test_undefined_entities_are_refused() -> None:
    refused_fast(b"<a>&onbekend;</a>")
