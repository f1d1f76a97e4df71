"""`verify` proves what the outputs say: a table is read cell by cell in its row and column
(so swapped or altered values are caught, in each output), the Sources list must be there as
a list, not just named on other slides, and emoji or right-to-left digits do not garble the
PDF's text into a false alarm."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pytest
from pptx import Presentation

from _support_trust import ROOT, VALID
from briefing.build import build, check
from briefing.project import find_project
from briefing.proof.readback import parse_struct_text, pdf_tables
from briefing.proof.verify import verify

TABLE = """    table:
      columns: [Option, Gain, Cost]
      rows:
        - [Dredging, High, "20"]
        - [New pier, Low, "26"]
"""
GOOD = VALID.read_text().replace("    points:\n", TABLE + "    points:\n")
# -- the same briefing with High and Low swapped and 20, 26 written as 2, 0: every word and
#    digit of the table is still somewhere in the text --
FORGED = GOOD.replace("High", "Low_").replace("Low,", "High,").replace("Low_", "Low")
FORGED = FORGED.replace('"20"', '"2"').replace('"26"', '"0"')
FORMATS = ("html", "pdf", "pptx")


def _built(folder: Path, text: str, templates: Path | None = None) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "t.yaml"
    source.write_text(text, encoding="utf-8")
    project = find_project(ROOT, templates=templates)
    return dict(build(source, project=project, out_dir=folder / "out").files)


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _built(tmp_path_factory.mktemp("good"), GOOD)


@pytest.fixture(scope="module")
def forged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _built(tmp_path_factory.mktemp("forged"), FORGED)


def _verify(files: dict[str, Path], text: str = GOOD) -> dict[tuple[str, str], list[str]]:
    folder = next(iter(files.values())).parent
    (folder / "source.yaml").write_text(text, encoding="utf-8")
    report = verify(check(folder / "source.yaml"), name="t", files=files)
    assert not report.unreadable, report.unreadable
    return {key: [f"{e.what}: {e.text}" for e in gaps] for key, gaps in report.missing.items()}


def _with(good: dict[str, Path], fmt: str, replacement: Path, tmp_path: Path) -> dict[str, Path]:
    files = {}
    for f, path in good.items():
        files[f] = tmp_path / path.name
        shutil.copy(replacement if f == fmt else path, files[f])
    return files


def test_the_true_outputs_verify(good: dict[str, Path]) -> None:
    assert _verify(good) == {}


@pytest.mark.parametrize("fmt", FORMATS)
def test_swapped_and_altered_cells_are_caught_in_each_output(
    good: dict[str, Path], forged: dict[str, Path], fmt: str, tmp_path: Path
) -> None:
    gaps = _verify(_with(good, fmt, forged[fmt], tmp_path))
    assert set(gaps) == {("lab", fmt)}
    assert gaps[("lab", fmt)] == [
        "table row 1, column 'Gain' (reads 'Low'): High",
        "table row 1, column 'Cost' (reads '2'): 20",
        "table row 2, column 'Gain' (reads 'High'): Low",
        "table row 2, column 'Cost' (reads '0'): 26",
    ]


def test_a_deck_without_its_sources_slide_fails(good: dict[str, Path], tmp_path: Path) -> None:
    deck = Presentation(str(good["pptx"]))
    ids = deck.slides._sldIdLst
    sources = next(
        i for i, s in enumerate(deck.slides) if s.shapes.title and s.shapes.title.text == "Sources"
    )
    ids.remove(ids[sources])
    deck.save(str(tmp_path / "cut.pptx"))
    gaps = _verify(_with(good, "pptx", tmp_path / "cut.pptx", tmp_path))
    # -- the section slide still names the source in its source line: not enough --
    assert gaps == {("sources", "pptx"): ["source [1]: The article"]}


def test_a_web_page_without_its_sources_list_fails(good: dict[str, Path], tmp_path: Path) -> None:
    page = lxml.html.fromstring(good["html"].read_bytes())
    for section in page.xpath('//*[@id="sources"]'):
        section.getparent().remove(section)
    (tmp_path / "cut.html").write_bytes(lxml.html.tostring(page))
    gaps = _verify(_with(good, "html", tmp_path / "cut.html", tmp_path))
    assert gaps == {("sources", "html"): ["source [1]: The article"]}


def test_a_pdf_without_its_sources_page_fails(
    good: dict[str, Path], tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    templates = tmp_path_factory.mktemp("nosources") / "templates"
    templates.mkdir()
    page = (ROOT / "templates" / "briefing.html.j2").read_text()
    start = page.index('<section class="sources"')
    end = page.index("</section>", start) + len("</section>")
    (templates / "briefing.html.j2").write_text(page[:start] + page[end:])
    cut = _built(templates.parent, GOOD, templates=templates)
    gaps = _verify(_with(good, "pdf", cut["pdf"], tmp_path))
    assert gaps == {("sources", "pdf"): ["source [1]: The article"]}


EMOJI = (
    GOOD.replace("One takeaway.", "Revenue rose by 15% in Q3 🚀 to ١٢٣ units.")
    .replace("A point.", "Customers 👩\u200d💻 liked it, ٤٥٦ of them.")
    .replace("[Dredging, High", "[Dredging 🚢, High")
    .replace("Body text [@src].", "Body text 🎉 with ٧٨٩ units [@src].")
)


def test_a_briefing_with_emoji_and_arabic_digits_verifies(tmp_path: Path) -> None:
    files = _built(tmp_path, EMOJI)
    assert _verify(files, EMOJI) == {}


def test_struct_text_is_read_into_rows_and_cells() -> None:
    output = "\n".join(
        [
            "Table (block)",
            "  THead",
            "    TR",
            "      TH <1-0-0>",
            "        Span (inline)",
            '          "Option"',
            "      TH <1-0-1>",
            '        "Gain"',
            "  TBody",
            "    TR",
            "      TH <1-1-0>",
            '        "New',
            'pier"',
            "      TD:",
            "         /Headers [(1-1-0) (1-0-1)]",
            "        Span (inline)",
            '          "Lar"',
            "        Span (inline)",
            '          "ge"',
        ]
    )
    assert pdf_tables(parse_struct_text(output)) == [[["Option", "Gain"], ["New\npier", "Large"]]]
