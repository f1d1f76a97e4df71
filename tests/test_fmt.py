"""`briefing fmt` turns an analyst's unquoted source into YAML that keeps every character.

The fixture (tests/fixtures/fmt/analyst_unquoted.yaml) has each kind of line YAML
refuses, cuts or splits; after fmt it builds, and the texts are read back from the
web page (parsed), the PDF (a PDF text reader) and the deck (python-pptx) as typed.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation

from briefing.content import fmt, source
from briefing.errors import BriefingError
from readback import pdf_pages
from support import FIXTURES, ROOT, VALID, Built, one_line, run_cli

ANALYST = FIXTURES / "fmt" / "analyst_unquoted.yaml"

# -- what the author meant, as a reader sees it (emphasis and citation marks aside) --
MEANT = [
    "Revenue: down 4% on volume",
    "Ranked #1 in UK packaging",
    "& more to come",
    "says margins held",
    "H1 2022: 7.3% → H1 2023: 7.4%",
    "FY24 guidance kept",
    "FY23: profit up",
    "@board asks for the split",
    "% of revenue from the UK",
    "!important for the plan",
    "not a concern yet",
    "Recommendation: Option 3: hold the line",
    "Option 3: hold",
]
# -- the fixture's lines fmt mends --
MENDED = [8, 9, 10, 11, 12, 13, 17, 21, 22, 23, 24, 31, 32, 33, 40, 43, 47]
CELLS = ["£11,797.1m", "£10,000.0m", "£1,234.5m", "£1,100.0m", "top #2"]


@pytest.fixture(scope="module")
def mended(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("fmt")
    path = folder / "paper.yaml"
    shutil.copy(ANALYST, path)
    fmt.format_file(path)
    return Built(path, folder / "out")


def test_the_unquoted_source_does_not_read_until_fmt_mends_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "paper.yaml"
    shutil.copy(ANALYST, path)
    assert run_cli(["check", str(path)], capsys).status == 1
    run = run_cli(["fmt", str(path)], capsys)
    assert run.status == 0, run.err
    assert run_cli(["check", str(path)], capsys).status == 0


def test_fmt_keeps_comments_order_and_every_line_it_does_not_mend(mended: Built) -> None:
    before = ANALYST.read_text(encoding="utf-8").splitlines()
    after = mended.source.read_text(encoding="utf-8").splitlines()
    assert len(before) == len(after)
    changed = [n for n, (b, a) in enumerate(zip(before, after, strict=True), 1) if b != a]
    assert changed == MENDED
    assert after[0] == before[0]  # -- the comment at the top --
    assert after[8] == '  - "Ranked #1 in UK packaging"  # a note the author keeps'
    assert after[11] == '  - "H1 2022: 7.3% → H1 2023: 7.4%"'
    assert after[30] == '        - [Revenue, "£11,797.1m", "£10,000.0m", 6.6%]'
    assert after[39] == "            values: [5650.8, 4100.2]"
    assert after[27] == before[27] and "Yes" in after[24] and "12:30" in after[26]


def test_the_mended_source_builds_with_every_character_in_every_output(mended: Built) -> None:
    page = lxml.html.fromstring(mended.html.read_bytes()).text_content()
    pdf = one_line(" ".join(pdf_pages(mended.pdf)))
    deck = Presentation(str(mended.pptx))
    texts, cells = [], []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                cells += [c.text for row in shape.table.rows for c in row.cells]
    slides = " ".join(texts + cells)
    for text in [*MEANT, *CELLS]:
        assert text in page, f"web page: {text!r}"
        assert text in pdf, f"PDF: {text!r}"
        assert text in slides, f"deck: {text!r}"
    for text in ["Yes", "010", "12:30"]:  # -- kept as written, never True, 8 or 750 --
        assert re.search(rf"\b{re.escape(text)}\b", page) and text in slides
    assert set(CELLS) <= set(cells)
    # -- a cell that is only `#1` reads as typed; how the outputs show a leading `#` is the
    #    renderer's part (one-line fields take inline Markdown only, #20) --
    assert mended.briefing.sections[0].table is not None
    assert list(mended.briefing.sections[0].table.rows[2]) == ["Ranked", "#1", "top #2", "n/a"]


def test_thousands_separators_in_a_chart_s_values_give_the_numbers_meant(mended: Built) -> None:
    deck = Presentation(str(mended.pptx))
    charts = [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart]
    assert [list(s.values) for s in charts[0].plots[0].series] == [[5650.8, 4100.2]]


def test_fmt_twice_changes_nothing(mended: Built, capsys: pytest.CaptureFixture[str]) -> None:
    once = mended.source.read_bytes()
    run = run_cli(["fmt", str(mended.source)], capsys)
    assert run.status == 0 and "nothing to change" in run.out
    assert mended.source.read_bytes() == once


def test_fmt_changes_nothing_in_the_shipped_briefings() -> None:
    for path in [*ROOT.glob("content/*.yaml"), *ROOT.glob("examples/*/content/*.yaml"), VALID]:
        formatted = fmt.format_text(path.read_text(encoding="utf-8"), name=str(path))
        assert not formatted.changed, (path, formatted.mends)


def test_check_exits_1_naming_each_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "paper.yaml"
    shutil.copy(ANALYST, path)
    run = run_cli(["fmt", "--check", str(path)], capsys)
    assert run.status == 1
    assert path.read_bytes() == ANALYST.read_bytes()
    named = re.findall(rf"^{re.escape(str(path))}:(\d+): ", run.err, re.MULTILINE)
    assert [int(n) for n in named] == MENDED
    assert '    - "**Revenue**: down 4% on volume"' in run.err.splitlines()
    assert "would quote 17 lines" in run.err
    run_cli(["fmt", str(path)], capsys)
    assert run_cli(["fmt", "--check", str(path)], capsys).status == 0


def test_a_file_fmt_cannot_make_readable_is_left_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "paper.yaml"
    text = VALID.read_text(encoding="utf-8").replace("  - One takeaway.", "  - & more\n\t- tab")
    path.write_text(text, encoding="utf-8")
    run = run_cli(["fmt", str(path)], capsys)
    assert run.status == 1
    assert "tab" in run.err and "left as it was" in run.err and "Traceback" not in run.err
    assert path.read_text(encoding="utf-8") == text


def test_fmt_keeps_crlf_line_ends_and_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "paper.yaml"
    text = VALID.read_text(encoding="utf-8").replace("headline: A headline.", "headline: Q3: up")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    fmt.format_file(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b'headline: "Q3: up"\r\n' in raw
    assert raw.count(b"\r\n") == text.count("\n")


def test_a_text_over_several_lines_is_quoted_over_the_same_lines() -> None:
    text = VALID.read_text(encoding="utf-8").replace(
        "headline: A headline.", "headline: FY23: profit up\n      on volume and price"
    )
    formatted = fmt.format_text(text, name="x.yaml")
    assert 'headline: "FY23: profit up\n      on volume and price"' in formatted.text
    read = source.parse(formatted.text.encode(), path=Path("x.yaml"), name="x.yaml")
    assert read.data["sections"][0]["headline"] == "FY23: profit up on volume and price"


# -- any line of text: fmt makes it read as typed, and a second run changes nothing --

_TRICKY = st.text(
    alphabet=st.sampled_from(list("ab1 ,:#&*!%@`[]{}|>-?'\"\\£.")), min_size=1, max_size=24
)


@settings(max_examples=150, deadline=None)
@given(_TRICKY, st.sampled_from(["takeaways", "headline", "row"]))
def test_any_typed_text_reads_back_as_typed_after_fmt(typed: str, where: str) -> None:
    typed = typed.strip()
    if not typed or re.search(r"[ \t]#([ \t]|$)", f" {typed}"):
        return  # -- `# ` is a note by the format's rule, not text --
    if re.fullmatch(r"[|>][-+]?[1-9]?[-+]?", typed):
        return  # -- a bare `|` or `>` opens a block, here an empty one --
    if typed[0] in "'\"" and fmt._parses(f"k: {typed}"):
        return  # -- the author quoted it --
    base = VALID.read_text(encoding="utf-8")
    if where == "takeaways":
        text = base.replace("  - One takeaway.", f"  - {typed}")
    elif where == "headline":
        text = base.replace("headline: A headline.", f"headline: {typed}")
    else:
        text = base.replace(
            "    points:",
            f"    table:\n      columns: [A, B]\n      rows:\n        - [x, {typed}]\n    points:",
        )
    try:
        formatted = fmt.format_text(text, name="x.yaml")
    except Exception as err:  # -- refused: it must leave a reason, not a crash --
        assert isinstance(err, BriefingError), err
        return
    read = source.parse(formatted.text.encode(), path=Path("x.yaml"), name="x.yaml")
    if where == "takeaways":
        assert read.scalars[("takeaways", 0)].text == typed
    elif where == "headline":
        assert read.scalars[("sections", 0, "headline")].text == typed
    elif not re.search(r"[,\[\]{}]", typed):  # -- a comma or a bracket: which cells is a guess --
        assert read.scalars[("sections", 0, "table", "rows", 0, 1)].text == typed
    assert fmt.plan(formatted.text).text == formatted.text


# -- what check and build say about the lines fmt mends --


def _check(text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    path = tmp_path / "paper.yaml"
    path.write_text(text, encoding="utf-8")
    run = run_cli(["check", str(path)], capsys)
    assert run.status == 1 and "Traceback" not in run.err
    return run.err.replace(str(path), "paper.yaml").splitlines()


def test_check_names_every_line_fmt_mends_in_one_run_whatever_else_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # -- an anchor stops YAML at line 8; the lines after it are named all the same --
    text = (
        VALID.read_text(encoding="utf-8")
        .replace("  - One takeaway.", "  - &x more\n  - Ranked #1 in Europe")
        .replace(
            "      - A point.", "      - **Capex**: €62m\n      - H1 2022: 7.3% → H1 2023: 7.4%"
        )
    )
    err = _check(text, tmp_path, capsys)
    located = [line.split(": ", 1)[0] for line in err if line.startswith("paper.yaml:")]
    assert located == ["paper.yaml:8:5", "paper.yaml:9:5", "paper.yaml:17:9", "paper.yaml:18:9"]
    hints = [line for line in err if line.startswith("    hint: ")]
    assert len(hints) == 4
    assert all("run `briefing fmt paper.yaml`: it quotes these 4 lines" in h for h in hints)
    assert '- "H1 2022: 7.3% → H1 2023: 7.4%"' in hints[3]  # -- the whole point, quoted --
    assert '- "Ranked #1 in Europe"' in hints[1]


def test_the_count_check_promises_is_the_count_fmt_quotes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # -- line 16 is read as written (a one-pair field kept as its text), so check names only
    #    the anchor; fmt quotes both, and the hint says so --
    text = (
        VALID.read_text(encoding="utf-8")
        .replace("  - One takeaway.", "  - &x more")
        .replace("      - A point.", "      - Revenue: up 5%")
    )
    err = _check(text, tmp_path, capsys)
    assert [line.split(": ", 1)[0] for line in err if line.startswith("paper.yaml:")] == [
        "paper.yaml:8:5"
    ]
    assert err[1].endswith("run `briefing fmt paper.yaml`: it quotes 2 lines, this one among them")
    path = tmp_path / "paper.yaml"
    run = run_cli(["fmt", str(path)], capsys)
    assert run.status == 0
    assert "quoted 2 lines" in run.out + run.err
    assert '      - "Revenue: up 5%"' in path.read_text(encoding="utf-8")


def test_a_row_split_by_thousands_separators_says_fmt_quotes_its_cells(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = (
        "    table:\n      columns: [Measure, FY23, FY22]\n      rows:\n"
        "        - [Revenue, £11,797.1m, £10,000.0m]\n"
    )
    base = VALID.read_text(encoding="utf-8")
    err = _check(base.replace("      - A point.\n", "      - A point.\n" + table), tmp_path, capsys)
    assert (
        err[0]
        == "paper.yaml:20:11: sections[0].table.rows[0]: has 5 cells; the table has 3 columns"
    )
    assert err[1] == (
        '    hint: quote the cells that hold a comma: - [Revenue, "£11,797.1m", "£10,000.0m"]; '
        "or run `briefing fmt paper.yaml`: it quotes this line"
    )


def test_a_chart_s_values_with_thousands_separators_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    figure = (
        "    figures:\n      - chart: column\n        caption: Revenue\n"
        "        categories: [H1, H2]\n        series:\n          - name: Revenue\n"
        "            values: [5,650.8, 4,100.2]\n"
    )
    base = VALID.read_text(encoding="utf-8")
    err = _check(
        base.replace("      - A point.\n", "      - A point.\n" + figure), tmp_path, capsys
    )
    assert err[0].endswith(
        "has 4 values for 2 categories (a comma between digits, as in 5,650.8, separates "
        "two values)"
    )
    assert err[1].startswith(
        "    hint: write the numbers without thousands separators: values: [5650.8, 4100.2]; "
        "or run `briefing fmt paper.yaml`"
    )


def test_lines_inside_a_block_are_text_and_the_field_after_it_is_read() -> None:
    text = (
        VALID.read_text(encoding="utf-8")
        .replace("  - id: lab\n", "  - body: |\n      **Bold**: in a block\n    id: lab\n")
        .replace("    body: |\n      Body text [@src].\n", "")
        .replace("      - A point.", "      - **Capex**: €62m\n      - [@src] says")
    )
    formatted = fmt.format_text(text, name="x.yaml")
    assert [m.after.strip() for m in formatted.mends] == ['- "**Capex**: €62m"', '- "[@src] says"']
    assert "      **Bold**: in a block\n" in formatted.text


def test_fmt_goes_on_past_a_file_it_cannot_read_and_defaults_to_every_content_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "content").mkdir()
    paper = tmp_path / "content" / "paper.yaml"
    shutil.copy(ANALYST, paper)
    monkeypatch.chdir(tmp_path)
    run = run_cli(["fmt", "missing.yaml", "content/paper.yaml"], capsys)
    assert run.status == 1
    assert "missing.yaml: no such file" in run.err and "missing.yaml: left as it was" in run.err
    assert "✓ content/paper.yaml: quoted 17 lines" in run.out
    assert run_cli(["fmt", "--check"], capsys).status == 0  # -- every content/*.yaml --


@pytest.mark.parametrize("typed", ["[" * 20_000, "- " * 20_000 + "x", "{" * 5_000 + "}" * 5_000])
def test_a_hostile_line_is_mended_or_refused_never_a_crash(typed: str) -> None:
    text = VALID.read_text(encoding="utf-8").replace("  - One takeaway.", f"  - {typed}")
    try:
        formatted = fmt.format_text(text, name="x.yaml")
    except BriefingError as err:
        assert err.problems  # -- refused, saying where --
    else:
        read = source.parse(formatted.text.encode(), path=Path("x.yaml"), name="x.yaml")
        assert read.scalars[("takeaways", 0)].text == typed


def test_fmt_mends_a_leading_marker_in_every_kind_of_field(tmp_path: Path) -> None:
    """The every-field source with its quotes taken off (a `# ` at a value's start stays
    quoted: by the format's rule it is a note) reads back, after fmt, as the quoted
    source does: chart series names, key figures, the ask, next steps, cells, slides."""
    quoted = (FIXTURES / "fidelity" / "every_field.yaml").read_text(encoding="utf-8")
    bare = re.sub(r'(?:(?<=: )|(?<=- )|(?<=\[)|(?<=, ))"((?!# |\d{4}-)[^"\n]*)"', r"\1", quoted)
    assert bare.count('"') < quoted.count('"') // 4  # -- most quotes are gone --
    path = tmp_path / "every_field.yaml"
    path.write_text(bare, encoding="utf-8")
    with pytest.raises(BriefingError):
        source.parse(bare.encode(), path=path, name="every_field.yaml")
    formatted = fmt.format_file(path)
    assert formatted.changed

    # -- each value as written (``+30`` a text where the format wants text, as the model
    #    reads it), field by field --
    def texts(raw: bytes) -> dict[object, str]:
        return {k: v.text for k, v in source.parse(raw, path=path, name="x").scalars.items()}

    assert texts(path.read_bytes()) == texts(quoted.encode())
    assert fmt.plan(path.read_text(encoding="utf-8")).text == path.read_text(encoding="utf-8")


def test_a_block_sign_whose_hash_would_empty_it_is_quoted_and_a_real_block_kept() -> None:
    text = (
        VALID.read_text(encoding="utf-8")
        .replace("  - One takeaway.", "  - > #1 in Europe")
        .replace("    body: |\n", "    body: | #kept, a block's own note\n")
    )
    formatted = fmt.format_text(text, name="x.yaml")
    assert [m.after.strip() for m in formatted.mends] == ['- "> #1 in Europe"']
    read = source.parse(formatted.text.encode(), path=Path("x.yaml"), name="x.yaml")
    assert read.scalars[("takeaways", 0)].text == "> #1 in Europe"
    assert read.data["sections"][0]["body"] == "Body text [@src].\n"
