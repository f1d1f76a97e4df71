"""Helpers for the trust tests: run the command line in-process, snapshot an output folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from briefing.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
VALID = FIXTURES / "valid_minimal.yaml"


@dataclass(frozen=True)
class Run:
    status: int
    out: str
    err: str


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> Run:
    """``briefing ARGS`` in this process (fast), with its exit status and output."""
    capsys.readouterr()
    status = main(args)
    captured = capsys.readouterr()
    return Run(status, captured.out, captured.err)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` (names starting with a dot included) with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def previous_outputs(folder: Path, name: str) -> dict[str, bytes]:
    """Stand-ins for an earlier build's outputs of ``name``, to prove a failed build keeps them."""
    folder.mkdir(parents=True, exist_ok=True)
    for fmt in ("html", "pdf", "pptx"):
        (folder / f"{name}.{fmt}").write_bytes(f"previous {fmt} of {name}\n".encode())
    return snapshot(folder)
