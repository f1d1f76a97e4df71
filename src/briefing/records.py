"""Results and problems as JSON records, for ``check``, ``build`` and ``verify --json``.

``Problem / Built / Proof -> dict``. Each command with ``--json`` prints JSON lines on
standard output: one object per line, each naming its ``command``, and with ``ok``
where a result can fail. A problem is an object (``file``, ``line``, ``column``,
``field``, ``message``, ``hint``, ``origin``, ``fault``; ``line`` and ``column`` are null
when not known, ``field`` and ``hint`` are "" when there is none). The shapes are documented in
docs/json.md; the exit status is the same as without ``--json``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from briefing.errors import InputFile, Origin, Output, Problem, SourceField, TemplatePart

if TYPE_CHECKING:
    from pathlib import Path

    from briefing.build import Built
    from briefing.proof.verify import Proof


def problem(p: Problem) -> dict[str, Any]:
    """One problem as an object."""
    return {
        "file": p.file,
        "line": p.line or None,
        "column": (p.column or 1) if p.line else None,
        "field": p.path,
        "message": p.message,
        "hint": p.hint,
        "origin": _origin_kind(p.origin),
        "fault": str(p.fault),
    }


def _origin_kind(origin: Origin) -> str:
    """What a problem's origin is, as the records name it."""
    match origin:
        case SourceField():
            return "field"
        case InputFile():
            return "file"
        case TemplatePart():
            return "template"
        case Output():
            return "output"


def failed(command: str, problems: list[Problem], *, source: Path | None = None) -> str:
    """The line for a command (on one source) that stopped on ``problems``."""
    record: dict[str, Any] = {"command": command}
    if source is not None:
        record["source"] = str(source)
    record |= {"ok": False, "errors": [problem(p) for p in problems]}
    return line(record)


def checked(source: Path, sections: int) -> str:
    return line({"command": "check", "source": str(source), "ok": True, "sections": sections})


def built(result: Built, source: Path) -> list[str]:
    """One line per output: where it is, its format, pages or slides, how long it took."""
    found = []
    for out in result.outputs:
        record: dict[str, Any] = {
            "command": "build",
            "source": str(source),
            "ok": True,
            "output": str(out.path),
            "format": out.fmt,
            "seconds": round(out.seconds, 3),
            "up_to_date": out.skipped,
        }
        unit = {"pdf": "pages", "pptx": "slides"}.get(out.fmt)
        if unit:
            record[unit] = out.count
        found.append(line(record))
    return found


def proven(proof: Proof) -> str:
    """A source's proof: each row against each output, and what is missing where."""
    record: dict[str, Any] = {
        "command": "verify",
        "source": str(proof.source),
        "ok": proof.ok,
        "trusted": proof.trusted,
        "outputs": {fmt: str(path) for fmt, path in proof.files.items()},
    }
    if proof.absent:
        record["absent"] = [str(p) for p in proof.absent]
    report = proof.report
    if report is not None:
        record["matrix"] = {
            row: {
                fmt: None if fmt in report.unreadable else not report.missing.get((row, fmt))
                for fmt in report.formats
            }
            for row in report.rows
        }
        record["missing"] = [
            {"output": str(proof.files[fmt]), "row": row, "what": exp.what, "text": exp.text}
            for (row, fmt), missing in sorted(report.missing.items())
            for exp in missing
        ]
        record["unreadable"] = dict(report.unreadable)
    return line(record)


def line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)
