"""The web page on a phone (375 px) and a laptop (1440 px), measured in Debian's Chromium
(driven by Playwright, as tests/_support_a11y.py does): every table cell within the screen
(a data table's rows become labelled cards on a phone) or within a scroll box the reader can
reach, and no text smaller than a floor, a chart's words included."""

from __future__ import annotations

from pathlib import Path

import pytest

from _support_a11y import CHROMIUM, CHROMIUM_ARGS, _missing
from briefing.project import find_project
from support import FIXTURES, LONG_TABLE, MUSE_SPARK, ROOT, Builds

EXAMPLE = ROOT / "examples" / "expansion"
WIDTHS = (375, 1440)
TEXT_FLOOR_PX = 12  # -- the page's smallest words: kickers and labels, .72rem of 18 px is 13 --
CHART_FLOOR_PX = 10  # -- a chart's tick labels, as drawn on the screen --

pytestmark = pytest.mark.slow  # -- a browser over four pages at two widths --

# -- what a reader could not read or reach, found in the page's own geometry --
MEASURE = """(floors) => {
  const [textFloor, chartFloor] = floors;
  const width = document.documentElement.clientWidth;
  const found = [];
  const scroller = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if ((o === 'auto' || o === 'scroll') && p !== document.scrollingElement) return p;
    }
    return null;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    ' "' + (el.textContent || '').trim().slice(0, 30) + '"';
  for (const cell of document.querySelectorAll('main th, main td')) {
    const r = cell.getBoundingClientRect();
    if (r.width === 0 || getComputedStyle(cell).visibility === 'hidden') {
      if (!cell.closest('thead')) found.push('hidden: ' + name(cell));
      continue;
    }
    if (cell.closest('thead') && cell.closest('table.data') && width < 640) continue;
    const box = scroller(cell);
    const bounds = box ? box.getBoundingClientRect() : {left: 0, right: width};
    if (box && (bounds.left < -0.5 || bounds.right > width + 0.5)) {
      found.push('scroll box off screen: ' + name(box));
    }
    // -- in a scroll box a cell may lie beyond its edge: scrolling reaches it --
    if (!box && (r.left < -0.5 || r.right > width + 0.5)) found.push('off screen: ' + name(cell));
    if (box && box.closest('.table-wrap') && cell.closest('table.data') && width < 640) {
      found.push('data table scrolls on a phone: ' + name(cell));
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || seen.has(el)) continue;
    seen.add(el);
    const style = getComputedStyle(el);
    if (style.display === 'none' || el.closest('thead') && width < 640) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    let px = parseFloat(style.fontSize);
    const svg = el.closest('svg');
    if (svg) {
      px *= svg.getScreenCTM().a;  // -- the size as drawn: the chart scales to its box --
      if (px < chartFloor - 0.05) found.push('chart text ' + px.toFixed(1) + 'px: ' + name(el));
    } else if (px < textFloor - 0.05) {
      found.push('text ' + px.toFixed(1) + 'px: ' + name(el));
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def pages(builds: Builds) -> list[Path]:
    example = builds.of(EXAMPLE / "content" / "expansion.yaml", project=find_project(EXAMPLE))
    sources = [MUSE_SPARK, LONG_TABLE, FIXTURES / "pages-long-flow.yaml"]
    return [example.html, *(builds.of(s).html for s in sources)]


CARDS = """() => [...document.querySelectorAll('table.data tbody td')].map(td =>
    [td.dataset.label, getComputedStyle(td, '::before').content,
     td.closest('table').querySelectorAll('thead th')[td.cellIndex].textContent])"""


@pytest.fixture(scope="module")
def measured(pages: list[Path]) -> dict[str, object]:
    """One browser for every page at both widths: what MEASURE finds, ``{width: {page:
    [...]}}``, and on a phone the data table cards of the last page (``"cards"``)."""
    if not CHROMIUM.is_file():
        _missing("Chromium", "sudo apt-get install chromium")
    from playwright.sync_api import sync_playwright

    found: dict[str, object] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                at_width = {}
                for path in pages:
                    page.goto(path.as_uri())
                    at_width[path.name] = page.evaluate(MEASURE, [TEXT_FLOOR_PX, CHART_FLOOR_PX])
                    # -- the check is not empty: the page has tables to measure --
                    assert page.locator("main td").count(), path.name
                    if width == 375 and path == pages[-1]:
                        found["cards"] = page.evaluate(CARDS)
                found[str(width)] = at_width
                page.close()
        finally:
            browser.close()
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_every_cell_is_on_screen_and_no_text_is_below_the_floor(
    measured: dict[str, dict[str, list[str]]], width: int
) -> None:
    problems = {name: found for name, found in measured[str(width)].items() if found}
    assert len(measured[str(width)]) == 4
    assert problems == {}


def test_a_data_table_on_a_phone_is_cards_each_cell_under_its_column_name(
    measured: dict[str, list[list[str]]],
) -> None:
    cells = measured["cards"]
    assert cells
    for label, before, header in cells:
        assert label == header.strip() and before == f'"{label}"'
