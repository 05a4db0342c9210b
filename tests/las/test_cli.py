"""The ``koppel`` command: ``koppel las`` and ``koppel ea`` run each project's Django commands."""

from __future__ import annotations

import pytest

from koppel.cli import main


def test_help_lists_both_systems(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    uitvoer = capsys.readouterr().out
    assert "las" in uitvoer and "ea" in uitvoer


def test_an_unknown_system_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gkv"]) == 2
