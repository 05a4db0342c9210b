"""Helpers for the codec tests: the shared example files, edited as text."""

from __future__ import annotations

from tests.uwlr.test_codec_samples import EXAMPLES


def example(name: str) -> bytes:
    return (EXAMPLES / name).read_bytes()


def replace(name: str, old: str, new: str) -> bytes:
    data = example(name).decode()
    assert old in data, old
    return data.replace(old, new).encode()
