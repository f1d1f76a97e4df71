"""The deck leads with the decision, speaks in one voice, says each message once, and does
what the source asks of each part (left out, in the appendix, on a slide of its own)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from briefing.build import build
from briefing.project import find_project
from briefing.proof.verify import verify
from readback import slides, squash
from support import FIXTURES, ROOT, Builds

BOARD = FIXTURES / "briefing_board_ready.yaml"


def body_sizes(path: Path) -> set[float]:
    """The type sizes of every list in a body placeholder, over the whole deck."""
    found = set()
    for slide in Presentation(str(path)).slides:
        for shape in slide.placeholders:
            if int(shape.placeholder_format.type) not in {2, 7} or not shape.has_text_frame:
                continue  # -- a cover's subtitle is no list --
            for p in shape.text_frame.paragraphs:
                found |= {r.font.size.pt for r in p.runs if r.font.size and r.text.strip()}
    return found


def bullets(path: Path) -> list[str]:
    """Every list item of the deck's body placeholders, as read."""
    found = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.placeholders:
            if int(shape.placeholder_format.type) in {2, 7} and shape.has_text_frame:
                found += [squash(p.text) for p in shape.text_frame.paragraphs if p.text.strip()]
    return found


@pytest.fixture(scope="module")
def controlled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The board paper with options that say their effort and risk, a section left out of
    the deck, a table moved to the appendix and a slide of no section."""
    text = BOARD.read_text(encoding="utf-8")
    text = text.replace(
        "      detail: Largest gain, three-year build\n",
        "      detail: Largest gain, three-year build\n      effort: EUR 60m\n"
        "      risk: Planning consent\n",
    )
    text = text.replace(
        "  - id: demand\n    title: Demand at the north quay\n",
        "  - id: demand\n    deck: omit\n    title: Demand at the north quay\n",
    )
    text = text.replace("    table:\n", "    table:\n      deck: appendix\n", 1)
    text += (
        "slides:\n  - title: The board decides in March, the tender follows in June\n"
        "    kicker: Timetable\n    after: decision\n"
    )
    folder = tmp_path_factory.mktemp("controlled")
    source = folder / "controlled.yaml"
    source.write_text(text, encoding="utf-8")
    build(source, project=find_project(ROOT), out_dir=folder)
    return source, folder


def test_slide_two_asks_for_the_decision_and_recommends_before_anything_else(
    builds: Builds,
) -> None:
    deck = slides(builds.of(BOARD).pptx)
    second = "\n".join(deck[1]["texts"])  # type: ignore[call-overload]
    assert squash("Approve a €1.2m dredging study") in squash(str(deck[1]["title"]))
    assert squash("Our recommendation: Dredge the basin") in squash(second)
    titles = [str(s["title"]) for s in deck]
    # -- the decision before the steps it implies, the options in full before both --
    assert titles.index("The options, and what each takes") < titles.index("Next steps")
    assert "Key takeaways" not in titles and "Agenda" not in titles


def test_every_list_of_a_deck_has_one_body_size_and_no_bullet_is_said_twice(
    builds: Builds,
) -> None:
    for source in (BOARD, ROOT / "content" / "muse-spark.yaml"):
        pptx = builds.of(source).pptx
        assert len(body_sizes(pptx)) == 1, (source.name, body_sizes(pptx))
        said = bullets(pptx)
        assert len(said) == len(set(said)), [b for b in said if said.count(b) > 1]


def test_a_source_cites_each_source_once_per_slide(builds: Builds) -> None:
    for slide in slides(builds.of(ROOT / "content" / "muse-spark.yaml").pptx):
        texts = [t for t in slide["texts"] if not t.startswith("Source")]  # type: ignore[attr-defined]
        cells = [c for table in slide["tables"] for row in table for c in row]  # type: ignore[attr-defined]
        assert "\n".join(texts + cells).count("[1]") <= 1, slide["title"]


def test_the_source_places_its_parts_and_verify_proves_the_rest(
    controlled: tuple[Path, Path],
) -> None:
    source, folder = controlled
    pptx = folder / "controlled.pptx"
    deck = slides(pptx)
    titles = [str(s["title"]) for s in deck]
    # -- the demand section is left out of the deck, the briefing keeps it --
    assert not any("Ships wait for a berth" in t for t in titles)
    # -- the slide of no section right after the decision --
    assert titles[2] == "The board decides in March, the tender follows in June"
    # -- the options' effort and risk in a table of their own --
    options = next(s for s in deck if s["title"] == "The options, and what each takes")
    assert options["tables"] and options["tables"][0][0][2:] == ["Effort", "Risk"]  # type: ignore[index]
    # -- the table in the appendix, after the next steps --
    table_at = next(i for i, s in enumerate(deck) if s["tables"] and i > titles.index("Next steps"))
    assert deck[table_at]["texts"] and "Appendix" in "\n".join(deck[table_at]["texts"])  # type: ignore[call-overload]
    from briefing.build import check

    report = verify(
        check(source),
        name="controlled",
        files={fmt: folder / f"controlled.{fmt}" for fmt in ("html", "pdf", "pptx")},
    )
    assert report.ok, report.matrix()


def test_a_sections_title_slide_comes_before_its_key_figures(builds: Builds) -> None:
    titles = [str(s["title"]) for s in slides(builds.of(BOARD).pptx)]
    headline = "Ships wait for a berth on most weekdays, and waits are growing."
    assert titles.index(headline) < titles.index("Key figures: Demand at the north quay")


def test_the_summary_slide_shows_the_lead_and_the_notes_keep_headings_and_lists(
    tmp_path: Path,
) -> None:
    text = BOARD.read_text(encoding="utf-8").replace(
        "summary: |\n",
        "summary: |\n  ### Where we stand\n\n  - the first item of a list\n  - the second item\n\n",
        1,
    )
    source = tmp_path / "headed.yaml"
    source.write_text(text, encoding="utf-8")
    built = build(source, project=find_project(ROOT), out_dir=tmp_path, formats=("pptx",))
    summary = next(s for s in slides(built.files["pptx"]) if s["title"] == "Executive summary")
    shown = squash("\n".join(summary["texts"]))  # type: ignore[call-overload]
    # -- the lead is the first paragraph of prose, not the heading or the list --
    assert squash("The north quay runs at capacity") in shown
    assert squash("Where we stand") not in shown and squash("first item") not in shown
    notes = str(summary["notes"])
    assert "Where we stand" in notes and "\u2022 the first item of a list" in notes


def test_the_briefing_cites_each_source_once_per_paragraph() -> None:
    from briefing.document.markup import Renderer

    html = Renderer({"a": 1, "b": 2}).block(
        "One [@a]. Again [@a], and [@b].\n\nA new paragraph [@a]."
    )
    first, second = html.split("</p>")[:2]
    assert first.count('href="#source-a"') == 1 and first.count('href="#source-b"') == 1
    assert "Again, and" in first  # -- the repeat goes, with the space before it --
    assert second.count('href="#source-a"') == 1
