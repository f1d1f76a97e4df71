"""Character for character (#20): every output shows what the author typed, read back from
the built files (parsed HTML, the PDF's text and word boxes, python-pptx), and `verify`
proves it from the source as written."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pypdf
import pytest
import yaml
from pptx import Presentation
from pptx.enum.text import PP_ALIGN

from readback import squash
from support import FIXTURES, ROOT, one_line, run_cli

BENCHMARK = FIXTURES / "fidelity" / "uk_results_benchmark.yaml"
SOURCE = yaml.safe_load(BENCHMARK.read_text())
RESULTS = SOURCE["sections"][0]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("fidelity")
    status = run_cli_plain(["build", str(BENCHMARK), "-o", str(out), "--verify"])
    assert status == 0
    return {fmt: out / f"uk_results_benchmark.{fmt}" for fmt in ("html", "pdf", "pptx")}


def run_cli_plain(args: list[str]) -> int:
    from briefing.cli import main

    return main(args)


def _html_text(path: Path) -> str:
    return " ".join(lxml.html.fromstring(path.read_bytes()).text_content().split())


def _pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    return " ".join(out.stdout.split())


def _deck_text(path: Path) -> str:
    parts = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [c.text for row in shape.table.rows for c in row.cells]
    return " ".join(" ".join(parts).split())


def _space(text: str) -> str:
    return " ".join(text.replace("\u2212", "-").split())


ONE_LINE = [
    *SOURCE["takeaways"],
    RESULTS["headline"],
    *RESULTS["points"],
    SOURCE["sections"][1]["headline"],
]


@pytest.mark.parametrize("fmt", ["html", "pdf", "pptx"])
def test_one_line_fields_keep_their_leading_markers_and_angle_brackets(
    built: dict[str, Path], fmt: str
) -> None:
    reader = {"html": _html_text, "pdf": _pdf_text, "pptx": _deck_text}[fmt]
    text = _space(reader(built[fmt]))
    for line in ONE_LINE:
        assert _space(line) in text, (fmt, line)
    for title in (RESULTS["title"], SOURCE["sections"][1]["title"]):
        assert title in text, (fmt, title)


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_angle_brackets_in_prose_print_as_typed(built: dict[str, Path], fmt: str) -> None:
    reader = {"html": _html_text, "pdf": _pdf_text}[fmt]
    text = _space(reader(built[fmt]))
    assert "Press <Enter> to continue, and type <your name> in the box." in text
    assert "Compare a<b and c>d" in text
    # -- the body goes on after `the <script> element`: all three paragraphs --
    assert "The <script> element is named here on purpose" in text
    assert "The third paragraph ends the body." in text
    assert "Figures are <unaudited> where marked." in text


def test_html_has_no_element_from_content(built: dict[str, Path]) -> None:
    body = lxml.html.fromstring(built["html"].read_bytes()).find("body")
    assert body.find(".//script") is None and body.find(".//title") is None
    assert body.find(".//enter") is None


@pytest.mark.parametrize("fmt", ["html", "pdf", "pptx"])
def test_table_cells_keep_signs_and_accounting_negatives(built: dict[str, Path], fmt: str) -> None:
    reader = {"html": _html_text, "pdf": _pdf_text, "pptx": _deck_text}[fmt]
    text = _space(reader(built[fmt]))
    for row in RESULTS["table"]["rows"]:
        for cell in row:
            assert _space(cell) in text, (fmt, cell)
    for cell in ("#1", "1. Hold", "- 5%", "#2", "2) Buy", "+ 3%"):
        assert cell in text, (fmt, cell)


def test_figures_are_right_aligned_in_page_and_deck(built: dict[str, Path]) -> None:
    root = lxml.html.fromstring(built["html"].read_bytes())
    table = root.xpath('//table[@class="data"]')[0]
    heads = table.xpath(".//thead/tr/th")
    assert [("num" in (h.get("class") or "")) for h in heads] == [False] + [True] * 7
    for row in table.xpath(".//tbody/tr"):
        assert all("num" in (c.get("class") or "") for c in row[1:])
    deck = Presentation(str(built["pptx"]))
    tables = [s.table for slide in deck.slides for s in slide.shapes if s.has_table]
    wide = next(t for t in tables if len(t.columns) == 8)
    for row in list(wide.rows)[1:]:
        cells = list(row.cells)
        assert all(c.text_frame.paragraphs[0].alignment == PP_ALIGN.RIGHT for c in cells[1:])


def test_footnotes_numbered_once_through_the_document(built: dict[str, Path]) -> None:
    root = lxml.html.fromstring(built["html"].read_bytes())
    marks = [a.text for a in root.xpath('//a[@class="footnote-ref"]')]
    assert marks == ["1", "2", "1", "3", "4", "5"]
    ids = {e.get("id") for e in root.xpath("//*[@id]")}
    for link in root.xpath('//a[starts-with(@href, "#fn")]'):
        assert link.get("href")[1:] in ids, link.get("href")  # -- no dangling back-link --
    pdf = _pdf_text(built["pdf"])
    for number, note in [("3.", "Reported figures restated."), ("4.", "Industry survey.")]:
        assert f"{number} {note}" in pdf


def test_summary_slide_prints_no_markdown_syntax(built: dict[str, Path]) -> None:
    deck = Presentation(str(built["pptx"]))
    summary = deck.slides[1]
    text = "\n".join(s.text_frame.text for s in summary.shapes if s.has_text_frame)
    notes = summary.notes_slide.notes_text_frame.text
    # -- the slide shows the summary's lead and the takeaways; the rest is in the speaker
    #    notes (docs/look.md): in neither does any Markdown syntax print --
    for where in (text, notes):
        for syntax in ("[^1]", "[^2]", "\u21a9", "> Our", ", > and", "###", "| ---"):
            assert syntax not in where, syntax

    def norm(line: str) -> str:
        return one_line(re.sub(r"[*_`]|\[@[^\]]+\]|\[\d+\]", "", line)).strip()

    takeaways = {norm(t) for t in yaml_takeaways(built)}
    summary_lines = [line for line in text.splitlines() if norm(line) not in takeaways]
    assert not any(line.lstrip().startswith((">", "#", "- ")) for line in summary_lines)
    assert "Press <Enter> to continue" in text
    spoken = " ".join(notes.split())
    assert "Our volumes were resilient, and pricing held firm." in spoken
    assert "Outlook <2024>" in notes and "with <input> costs easing" in notes
    assert "[1] Group results announcement, <page 4>." in notes
    assert "[2] Trading update." in notes


def yaml_takeaways(built: dict[str, Path]) -> list[str]:
    """The fixture's takeaways, as typed (they may start with a marker: it is their text)."""
    import yaml

    return list(yaml.safe_load(BENCHMARK.read_text(encoding="utf-8"))["takeaways"])


def _pdf_words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        out,
    )
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in words]


def _overlaps(words: list[tuple[float, float, float, float, str]]) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            dx = min(a[2], b[2]) - max(a[0], b[0])
            dy = min(a[3], b[3]) - max(a[1], b[1])
            if dx > 0.5 and dy > 0.5:
                found.append((a[4], b[4]))
    return found


def _table_page(pdf: Path, word: str) -> int:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    pages = out.split("\f")
    return next(n for n, page in enumerate(pages, 1) if word in page)


def test_no_two_words_of_the_wide_pdf_table_overlap(built: dict[str, Path]) -> None:
    page = _table_page(built["pdf"], "£11,797.1m")
    words = _pdf_words(built["pdf"], page)
    top = min(w[1] for w in words if w[4] == "Measure")
    bottom = max(w[3] for w in words if w[4] == "Margin")
    table = [w for w in words if top - 2 <= w[1] <= bottom + 2]
    assert len(table) > 50
    assert _overlaps(table) == []


def _table_source(tmp_path: Path, columns: list[str], rows: list[list[str]]) -> Path:
    data = dict(SOURCE)
    section = dict(RESULTS, table={"caption": "Results", "columns": columns, "rows": rows})
    section.pop("quote")
    data["sections"] = [section]
    path = tmp_path / "wide.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return path


@pytest.mark.slow
@pytest.mark.parametrize(
    "columns",
    [
        ["Measure", "2023", "2022", "Growth reported", "Growth at CER"],
        ["Measure", "2023", "2022", "Growth reported", "Growth at CER", "H1", "H2", "FY24e"],
    ],
)
def test_five_and_eight_column_tables_fit_without_overprinting(
    tmp_path: Path, columns: list[str]
) -> None:
    values = ["£11,797.1m", "£12,000.5m", "(2.0%)", "(1.2%)", "£6,001.2m", "£5,795.9m", "\u22125%"]
    rows = [[name, *values[: len(columns) - 1]] for name in ("Revenue", "Adjusted EBITDA")]
    source = _table_source(tmp_path, columns, rows)
    assert run_cli_plain(["build", str(source), "-o", str(tmp_path), "--only", "pdf"]) == 0
    pdf = tmp_path / "wide.pdf"
    words = _pdf_words(pdf, _table_page(pdf, "£11,797.1m"))
    top = min(w[1] for w in words if w[4] == "Measure")
    bottom = max(w[3] for w in words if w[4] == "EBITDA")
    table = [w for w in words if top - 2 <= w[1] <= bottom + 2]
    assert _overlaps(table) == []
    assert "Growth" in {w[4] for w in table} and "CER" in {w[4] for w in table}


@pytest.mark.slow
def test_a_table_too_wide_for_portrait_goes_on_a_landscape_page(tmp_path: Path) -> None:
    columns = ["Measure", *(f"Year {n}" for n in range(2017, 2024))]
    rows = [[name, *["£11,797,123,456.1m"] * 7] for name in ("Revenue", "Adjusted EBITDA")]
    source = _table_source(tmp_path, columns, rows)
    assert run_cli_plain(["build", str(source), "-o", str(tmp_path), "--only", "pdf"]) == 0
    pdf = tmp_path / "wide.pdf"
    number = _table_page(pdf, "£11,797,123,456.1m")
    box = pypdf.PdfReader(pdf).pages[number - 1].mediabox
    assert box.width > box.height  # -- A4 landscape --
    words = _pdf_words(pdf, number)
    top = min(w[1] for w in words if w[4] == "Measure")
    bottom = max(w[3] for w in words if w[4] == "EBITDA")
    table = [w for w in words if top - 2 <= w[1] <= bottom + 2]
    assert _overlaps(table) == []
    assert sum(w[4] == "£11,797,123,456.1m" for w in table) == 14  # -- none clipped --


def test_a_table_too_wide_for_any_page_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    columns = ["Measure", *(f"Year {n}" for n in range(2017, 2024))]
    rows = [["Revenue", *["£11,797,123,456,789,012.123m"] * 7]]
    source = _table_source(tmp_path, columns, rows)
    run = run_cli(["check", str(source)], capsys)
    assert run.status == 1
    assert re.search(r"wide\.yaml:\d+:\d+: sections\[0\]\.table: .*too wide", run.err), run.err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('  - "<!-- x -->"', "an HTML comment"),
        ('  - "[](https://example.com)"', "would print nothing"),
    ],
)
def test_a_point_that_would_print_nothing_is_an_error_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    source = tmp_path / "empty.yaml"
    lines = BENCHMARK.read_text().splitlines()
    at = lines.index('      - "#1 rank in UK corrugated"')
    lines[at] = "    " + text
    source.write_text("\n".join(lines) + "\n")
    run = run_cli(["check", str(source)], capsys)
    assert run.status == 1
    assert f"empty.yaml:{at + 1}:" in run.err and message in run.err, run.err


def test_a_markdown_table_row_of_the_wrong_width_is_an_error_at_that_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = BENCHMARK.read_text().replace("  | UK     | 41%   |", "  | UK     | 41%   | extra |")
    source = tmp_path / "ragged.yaml"
    source.write_text(text)
    row = text.splitlines().index("  | UK     | 41%   | extra |") + 1
    run = run_cli(["check", str(source)], capsys)
    assert run.status == 1
    assert f"ragged.yaml:{row}:3: summary: this table row has 3 cells; its header has 2" in (
        run.err
    )


@pytest.mark.slow
def test_verify_fails_on_a_template_that_drops_a_leading_sign_or_a_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    page = templates / "briefing.html.j2"
    text = page.read_text()
    # -- the points lose a leading "- " and the word "Europe", as a careless renderer might --
    dropping = "{{ inline(point.removeprefix('- ').replace('Europe', '')) }}"
    assert "<li>{{ inline(point) }}</li>" in text
    page.write_text(text.replace("{{ inline(point) }}", dropping))
    out = tmp_path / "out"
    args = ["build", str(BENCHMARK), "-o", str(out), "--only", "html", "--templates"]
    run = run_cli([*args, str(templates), "--verify"], capsys)
    assert run.status == 1
    report = run.out + run.err
    assert "uk_results_benchmark.html: results point 4 is missing: '- 5% volume in Europe'" in (
        report
    )


def test_squash_is_not_what_verify_compares() -> None:
    from briefing.proof.verify import fold

    # -- a dropped sign or marker is a difference; hyphenation and quotes are not --
    assert fold("- 5% volume") != fold("5% volume")
    assert fold("#1 rank") != fold("1 rank")
    assert fold("> quoted") != fold("quoted")
    assert fold("\u2212 5%") == fold("- 5%")
    assert fold("hy-\nphenated “word”") == fold("hyphenated word")
    assert squash("- 5%") == squash("5%")  # -- the loose test helper, for contrast --


def _broken_tokens(pptx: Path) -> list[str]:
    """Each deck table cell whose longest word (a figure whole) is wider than its column."""
    from briefing.content.tables import is_number
    from briefing.deck.measure import deck_measurer
    from briefing.look.theme import load_theme

    measure = deck_measurer(tuple(load_theme(ROOT / "templates" / "theme.yaml").fonts.deck_metrics))
    broken = []
    for slide in Presentation(str(pptx)).slides:
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            table = shape.table
            for r, row in enumerate(table.rows):
                for c, cell in enumerate(row.cells):
                    runs = [run for p in cell.text_frame.paragraphs for run in p.runs]
                    if not runs or not cell.text.strip():
                        continue
                    size = runs[0].font.size.pt
                    bold = bool(runs[0].font.bold)
                    tokens = [cell.text] if r and is_number(cell.text) else cell.text.split()
                    room = table.columns[c].width.pt - cell.margin_left.pt - cell.margin_right.pt
                    if max(measure.width(t, bold) for t in tokens) * size > room:
                        broken.append(cell.text)
    return broken


def test_no_deck_cell_breaks_a_word_or_a_figure(built: dict[str, Path]) -> None:
    assert _broken_tokens(built["pptx"]) == []


def test_a_table_too_wide_for_a_slide_goes_on_in_columns_first_column_repeated(
    tmp_path: Path,
) -> None:
    columns = ["Measure", *(f"FY{n}" for n in range(17, 24))]
    rows = [[name, *["£11,797,123.1m"] * 7] for name in ("Revenue", "Adjusted EBITDA")]
    source = _table_source(tmp_path, columns, rows)
    args = ["build", str(source), "-o", str(tmp_path), "--only", "pptx", "--verify"]
    assert run_cli_plain(args) == 0
    pptx = tmp_path / "wide.pptx"
    assert _broken_tokens(pptx) == []
    tables = [
        [[c.text for c in row.cells] for row in s.table.rows]
        for slide in Presentation(str(pptx)).slides
        for s in slide.shapes
        if s.has_table
    ]
    assert len(tables) >= 2
    assert all([row[0] for row in t] == ["Measure", "Revenue", "Adjusted EBITDA"] for t in tables)
    assert [h for t in tables for h in t[0][1:]] == columns[1:]


def test_the_view_panel_shows_every_block_and_its_notes_are_spoken(
    built: dict[str, Path],
) -> None:
    deck = Presentation(str(built["pptx"]))
    for slide in deck.slides:
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        panel = next((t for t in texts if "We hold the <lead>." in t), None)
        if panel is not None:
            break
    else:
        raise AssertionError("no slide shows the view")
    assert "We hold the <lead>.5" in panel  # -- the mark, numbered on through the document
    assert "Quoted in the view" in panel and "> Quoted" not in panel
    assert "Keep the rank" in panel and "\u2013\u00a0with <care>" in panel
    assert "[^5]" not in panel and "Our own estimate" not in panel
    assert "[5] Our own estimate." in slide.notes_slide.notes_text_frame.text


def test_figures_line_up_on_the_decimal_point(built: dict[str, Path]) -> None:
    from briefing.content.tables import _right_em

    root = lxml.html.fromstring(built["html"].read_bytes())
    table = root.xpath('//table[@class="data"]')[0]
    rows = table.xpath(".//tbody/tr")
    for column in range(1, 8):
        reach = set()
        for row in rows:
            cell = row[column]
            text = cell.text_content().strip()
            if text in {"—", "-", "n/a"}:
                continue
            pad = re.search(r"\bpad-(\d+)\b", cell.get("class") or "")
            reach.add(_right_em(text) + (int(pad[1]) / 10 if pad else 0.0))
        # -- the padding comes in tenths of an em: the points line up to within one --
        assert max(reach) - min(reach) <= 0.11, (column, reach)
        assert len(reach) > 0


def test_deck_figures_stand_off_the_cell_edge_by_what_lines_them_up(
    built: dict[str, Path],
) -> None:
    """A figure whose right part is shorter (``+30`` beside ``(20)``, ``-5%`` beside
    ``(1.2%)``) stands further from its cell's right edge, by the difference measured in
    the deck's font: the decimal points (units digits) line up."""
    from briefing.deck.measure import deck_measurer
    from briefing.look.theme import load_theme

    measure = deck_measurer(tuple(load_theme(ROOT / "templates" / "theme.yaml").fonts.deck_metrics))
    deck = Presentation(str(built["pptx"]))
    table = next(
        s.table
        for slide in deck.slides
        for s in slide.shapes
        if s.has_table and s.table.cell(0, 0).text == "Measure"
    )
    for column, short, long, tail in [(7, 1, 2, ")"), (4, 2, 1, ".2%)"), (1, 5, 1, ".1m")]:
        a, b = table.cell(short, column), table.cell(long, column)
        size = a.text_frame.paragraphs[0].runs[0].font.size.pt
        bold = bool(b.text_frame.paragraphs[0].runs[0].font.bold)
        shorter = re.sub(r"^\D*\d+", "", a.text)  # -- what stands right of the units digit --
        gap = (measure.width(tail, bold) - measure.width(shorter, bold)) * size
        assert gap > 1.0
        assert a.margin_right.pt - b.margin_right.pt == pytest.approx(gap, abs=0.05), (
            a.text,
            b.text,
        )
