"""A bad source fails the build with exit status 1, FILE:LINE:COL: field: problem and a hint,
no traceback, and leaves the previous outputs byte for byte as they were.

One fixture per rule in tests/fixtures/bad/, each the valid minimal source with one defect.
"""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from briefing.content import source
from briefing.errors import BriefingError
from support import BAD, ROOT, previous_outputs, run_cli, snapshot

# -- fixture: (LINE:COL, field path or "", what the message says, what the hint says) --
CASES = {
    "yaml_syntax_error": (
        "20:1",
        "",
        "YAML syntax error: found unexpected end of stream "
        "(while scanning a quoted scalar that began at line 4, column 11)",
        "quote text",
    ),
    "duplicate_key": (
        "8:1",
        "title",
        "duplicate field 'title' (first given at line 1, column 1)",
        "keep one of the two",
    ),
    "comment_cuts_text": (
        "7:12",
        "",
        "`#1` would start a YAML comment and cut this text to `Ranked`",
        'quote the text to keep the #: - "Ranked #1 in Central Europe by installed base"',
    ),
    "bold_at_line_start": (
        "15:9",
        "",
        "YAML cannot read this line: `*` at the start of text marks a YAML alias "
        "(the first * of **bold** too)",
        'quote the text: - "**Capex**: €62m"',
    ),
    "ragged_table_row": (
        "20:11",
        "sections[0].table.rows[1]",
        "has 2 cells; the table has 3 columns",
        "add the missing cells",
    ),
    "unknown_field": (
        "4:1",
        "audiense",
        "unknown field 'audiense' (did you mean 'audience'?)",
        "rename it to 'audience'",
    ),
    "missing_field": ("1:1", "author", "required field is missing", "add `author:`"),
    "empty": ("1:1", "", "the file is empty", "briefing new"),
    "only_comments": ("1:1", "", "the file is empty", "briefing new"),
    "top_level_list": (
        "1:1",
        "",
        "the top level is a list; a briefing is a mapping of fields",
        "start with `title: ...`",
    ),
    "top_level_scalar": (
        "1:1",
        "",
        "the top level is a single value; a briefing is a mapping of fields",
        "start with `title: ...`",
    ),
    "not_utf8": ("3:14", "", "byte 0xe9 is not valid UTF-8", "save the file as UTF-8"),
    "binary_garbage": ("1:1", "", "byte 0x89 is not valid UTF-8", "save the file as UTF-8"),
    "alias_bomb": ("1:4", "", "YAML anchors (&name) are not allowed here", "write the text out"),
    "deep_nesting": ("3:19", "", "nesting deeper than 12 levels", "nests at most four levels"),
    "yaml_tag": (
        "4:11",
        "",
        "YAML tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed here",
        "remove the tag",
    ),
    "invalid_date": (
        "2:7",
        "date",
        "cannot read `2026-13-01`: month must be in 1..12",
        "put the value in quotes",
    ),
    "unknown_citation": (
        "13:18",
        "sections[0].body",
        "citation [@scr] names no source",
        "did you mean [@src]?",
    ),
    "duplicate_ids": (
        "16:9",
        "sections[1].id",
        "duplicate id 'lab' (also at line 9)",
        "every id must be unique",
    ),
    "too_many_takeaways": (
        "7:3",
        "takeaways",
        "has 7 items; at most 6 allowed",
        "keep the messages a reader must remember",
    ),
    "too_many_points": (
        "15:7",
        "sections[0].points",
        "has 9 items; at most 8 allowed",
        "move the detail into the body",
    ),
    "control_char_escape": (
        "1:8",
        "title",
        "contains U+000B (vertical tab), which content may not carry",
        "remove the escape",
    ),
    "raw_control_char": (
        "1:13",
        "",
        "the file contains U+001B (escape), which a content file may not carry",
        "delete it",
    ),
    "bidi_override": (
        "11:26",
        "sections[0].headline",
        "contains U+202E (right-to-left override), which content may not carry",
        "delete it",
    ),
    "text_too_long": (
        "2:8",
        "title",
        "is 149 characters long; at most 120 fit here",
        "shorten it",
    ),
    "control_char_reference": (
        "16:16",
        "sections[0].points[0]",
        "contains U+000B (vertical tab), which content may not carry",
        "delete the character reference &#11;",
    ),
    "blank_text": ("4:9", "author", "must not be empty", "write the text"),
    "multi_line_headline": (
        "12:15",
        "sections[0].headline",
        "must be one line; use the body for longer text",
        "join the lines",
    ),
    "non_text_field_name": ("5:1", "", "a field name must be plain text", "such as `title:`"),
    "tab_indent": (
        "10:1",
        "",
        "YAML syntax error: found character '\\t' that cannot start any token",
        "YAML does not allow tabs here",
    ),
}


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_every_bad_fixture_has_a_case() -> None:
    assert {p.stem for p in BAD.glob("*.yaml")} == set(CASES)


def _fail_build(
    path: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[str, dict[str, bytes]]:
    before = previous_outputs(out, path.stem)
    run = run_cli(["build", str(path), "-o", str(out)], capsys)
    assert run.status == 1
    assert "Traceback" not in run.err
    assert snapshot(out) == before  # untouched, and no temporary file left behind
    return run.err, before


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_source_fails_with_position_and_hint(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where, field, message, hint = CASES[name]
    path = BAD / f"{name}.yaml"
    err, _ = _fail_build(path.relative_to(ROOT), tmp_path / "out", capsys)
    located = f"tests/fixtures/bad/{name}.yaml:{where}: " + (f"{field}: " if field else "")
    first, _, rest = err.partition("\n")
    assert first == located + message
    assert rest.startswith("    hint: ")
    assert hint in rest.splitlines()[0]


def test_check_reports_the_same_problem(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(["check", "tests/fixtures/bad/duplicate_key.yaml"], capsys)
    assert run.status == 1
    assert "duplicate_key.yaml:8:1: title: duplicate field 'title'" in run.err


def test_oversized_file_is_refused_before_parsing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"title: x\nsummary: |\n" + b"  lorem ipsum dolor\n" * 60_000)
    err, _ = _fail_build(path, tmp_path / "out", capsys)
    assert err.startswith(f"{path}: the file is 1,200,020 bytes; the limit is 1,000,000")
    assert "hint: " in err


def test_a_folder_as_source_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "folder.yaml").mkdir()
    err, _ = _fail_build(tmp_path / "folder.yaml", tmp_path / "out", capsys)
    assert err.startswith(f"{tmp_path / 'folder.yaml'}: cannot read it: Is a directory\n")
    assert "hint: check that the path names a readable file" in err


def test_missing_source_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err, _ = _fail_build(tmp_path / "absent.yaml", tmp_path / "out", capsys)
    assert err.startswith(f"{tmp_path / 'absent.yaml'}: no such file")


@pytest.mark.parametrize(
    "text",
    [
        "[" * 400_000,  # deep flow nesting, just under the size limit
        "a:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 1300)),  # deep block nesting
        'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n'
        + "".join(f"b{i}: &b{i} [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n" for i in range(20)),
    ],
    ids=["flow", "block", "billion-laughs"],
)
def test_hostile_structure_is_rejected_fast(text: str) -> None:
    # -- bounded memory: refused while composing, long before anything is expanded --
    tracemalloc.start()
    try:
        with pytest.raises(BriefingError):
            source.parse(text.encode(), path=Path("x.yaml"), name="x.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64_000_000


@pytest.mark.slow  # -- a real process: the status the shell sees --
def test_the_real_command_exits_1_with_the_message_only(tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = previous_outputs(out, "binary_garbage")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "briefing",
            "build",
            "tests/fixtures/bad/binary_garbage.yaml",
            "-o",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        "tests/fixtures/bad/binary_garbage.yaml:1:1: byte 0x89 is not valid UTF-8\n"
        "    hint: save the file as UTF-8 text\n"
    )
    assert snapshot(out) == before
