"""The small things a reader notices: a due date written out like every other date, a table
without a caption numbered (not titled with its section's title), and text that meets WCAG
AA contrast in the theme's colours, on paper and on screen."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from briefing.look.theme import Colors, load_theme
from support import FIXTURES, ROOT, Builds, Built, one_line

LONG_FLOW = FIXTURES / "pages-long-flow.yaml"


@pytest.fixture(scope="module")
def long_flow(builds: Builds) -> Built:
    return builds.of(LONG_FLOW)


def test_a_due_date_is_written_out_and_free_text_kept_as_written(long_flow: Built) -> None:
    steps = long_flow.briefing.next_steps
    assert steps and [s.due for s in steps] == ["2027-01-15", "Within 30 days"]
    page = lxml.html.fromstring(long_flow.html.read_bytes())
    cells = [td.text_content() for td in page.xpath("//table[@class='steps']//td[3]")]
    assert cells == ["15 January 2027", "Within 30 days"]
    pdf = one_line(" ".join(long_flow.pages))
    assert "15 January 2027" in pdf and "Within 30 days" in pdf
    assert "2027-01-15" not in pdf


def test_a_table_without_a_caption_is_numbered_not_titled_with_its_section(
    long_flow: Built,
) -> None:
    sections = long_flow.briefing.sections
    untitled = [s for s in sections if s.table and not s.table.caption]
    assert [s.id for s in untitled] == ["unit-7"]
    number = [s.id for s in sections if s.table].index("unit-7") + 1
    page = lxml.html.fromstring(long_flow.html.read_bytes())
    caption = page.get_element_by_id("unit-7-table")
    assert caption.text_content().strip() == f"Table {number}"
    # -- in the PDF: the number, then the header row, and the section's title nowhere near --
    text = one_line(" ".join(long_flow.pages))
    assert f"Table {number} Line Plan Actual Comment" in text
    assert f"Table {number} {sections[6].title}" not in text


# -- the colour pairs the stylesheet sets text in (foreground on background): body, captions,
#    running heads and notes on paper; table headers and labels in paper on a colour; the
#    key-points box, our view and highlighted rows on the soft accent; the cover on ink --
TEXT_PAIRS = [
    ("ink", "paper"),
    ("muted", "paper"),
    ("accent", "paper"),
    ("classification", "paper"),
    ("paper", "accent"),
    ("paper", "classification"),
    ("ink", "accent_soft"),
    ("accent", "accent_soft"),
    ("muted", "accent_soft"),
    ("paper", "ink"),
    ("accent_soft", "ink"),
]


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of #RRGGBB."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_is_computed_as_wcag_defines_it() -> None:
    assert round(contrast("#000000", "#FFFFFF"), 1) == 21.0
    assert round(contrast("#777777", "#FFFFFF"), 2) == 4.48  # -- the classic near miss --


@pytest.mark.parametrize(
    "theme",
    [
        ROOT / "templates" / "theme.yaml",
        ROOT / "examples" / "expansion" / "templates" / "theme.yaml",
    ],
    ids=["shipped", "example"],
)
def test_every_text_colour_meets_wcag_aa_on_its_background(theme: Path) -> None:
    colors: Colors = load_theme(theme).colors
    low = {
        f"{fg} on {bg}": round(contrast(getattr(colors, fg), getattr(colors, bg)), 2)
        for fg, bg in TEXT_PAIRS
        if contrast(getattr(colors, fg), getattr(colors, bg)) < 4.5
    }
    assert low == {}


def text_colours(pdf: Path) -> set[str]:
    """The fill colours the PDF draws its text in (#RRGGBB), from its content streams."""
    import pypdf

    found: set[str] = set()
    stack: list[str | None] = [None]  # -- the graphics state: q saves, Q restores --

    def before(op: bytes, args: list[object], cm: object, tm: object) -> None:
        if op == b"q":
            stack.append(stack[-1])
        elif op == b"Q":
            stack.pop()
        elif op in (b"rg", b"sc", b"scn") and len(args) == 3:
            rgb = (round(float(a) * 255) for a in args)  # type: ignore[arg-type]
            stack[-1] = "#{:02X}{:02X}{:02X}".format(*rgb)
        elif op in (b"Tj", b"TJ") and stack[-1]:
            found.add(stack[-1])

    for page in pypdf.PdfReader(pdf).pages:
        stack[:] = [None]
        page.extract_text(visitor_operand_before=before)
    return found


@pytest.mark.parametrize("source", ["muse", "long-flow"])
def test_the_pdf_sets_text_only_in_colours_whose_contrast_is_checked(
    source: str, builds: Builds
) -> None:
    from support import MUSE_SPARK

    built = builds.of(MUSE_SPARK if source == "muse" else LONG_FLOW)
    colors = load_theme(ROOT / "templates" / "theme.yaml").colors
    checked = {getattr(colors, fg).upper() for fg, _bg in TEXT_PAIRS}
    used = text_colours(built.pdf)
    assert used and used <= checked, sorted(used - checked)


def test_table_notes_are_set_in_ink_not_grey(long_flow: Built) -> None:
    """The notes under a table were small grey serif text; they are read, so they are ink."""
    css = "".join(lxml.html.fromstring(long_flow.html.read_bytes()).xpath("//style/text()"))
    rule = css[css.index(".table-notes {") :].split("}", 1)[0]
    assert f"color: {load_theme(ROOT / 'templates' / 'theme.yaml').colors.ink}" in rule
