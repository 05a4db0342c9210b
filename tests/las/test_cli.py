"""The ``koppel`` command: ``koppel las`` runs Django commands, ``koppel ea`` is not here yet."""

from __future__ import annotations

import pytest

from koppel.cli import main


def test_help_lists_both_systems(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    uitvoer = capsys.readouterr().out
    assert "las" in uitvoer and "ea" in uitvoer


def test_the_ea_is_not_part_of_this_installation_yet(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ea", "migrate"]) == 2
    assert "EA" in capsys.readouterr().err


def test_an_unknown_system_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gkv"]) == 2
