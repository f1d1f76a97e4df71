"""Every briefing the project ships or tests with passes the reference accessibility checkers:
veraPDF's PDF/UA-1 profile on its PDF, axe-core on its web page on a phone and a laptop."""

from __future__ import annotations

from pathlib import Path

import pytest

from _support_a11y import axe_violations, verapdf_pdfua
from briefing.project import find_project
from support import Builds, Built

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# -- the shipped briefings and every test briefing whose PDF or web page the suite builds
#    and the example project (left out: deck-wide-characters is Japanese, which no font
#    the project ships can draw in a PDF, and valid_minimal, which only validation reads) --
SOURCES = sorted((ROOT / "content").glob("*.yaml")) + [
    FIXTURES / name
    for name in (
        "harbour-expansion.yaml",
        "briefing_minimal.yaml",
        "briefing_in_german.yaml",
        "briefing_with_long_table.yaml",
        "deck-long-content.yaml",
        "briefing_draft_review.yaml",
        "briefing_board_ready.yaml",
        "deck-bullet-taller-than-a-slide.yaml",
        "authoring/analyst_board_paper.yaml",
        "pages-long-flow.yaml",  # -- pages (#26): flowing sections, cards on a phone --
    )
]
EXAMPLE = ROOT / "examples" / "expansion"  # -- a project of its own: theme, logo, figures
SOURCES += sorted((EXAMPLE / "content").glob("*.yaml"))
WIDTHS = (375, 1440)
# -- the sources in two shares, one a worker, each checked by one Java run and one browser:
#    the shares' builds (most of the cost) go to both workers, and each start of Java or
#    Chromium (a few seconds of CPU) is paid twice, not once a source --
SHARES = 2

pytestmark = pytest.mark.slow  # -- Java and Chromium over a dozen briefings: make test runs them


def _share(share: int) -> list[Path]:
    return SOURCES[share::SHARES]


def _built(builds: Builds, fmt: str, sources: list[Path]) -> list[Path]:
    # -- the session's builds: the PDFs and pages other tests read are not typeset again --
    def of(source: Path) -> Built:
        if source.is_relative_to(EXAMPLE):
            return builds.of(source, project=find_project(EXAMPLE))
        return builds.of(source)

    return [getattr(of(s), fmt) for s in sources]


def test_every_briefing_source_is_checked() -> None:
    names = {s.name for s in SOURCES}
    assert {"muse-spark.yaml", "briefing_board_ready.yaml", "expansion.yaml"} <= names
    assert sorted(s for share in range(SHARES) for s in _share(share)) == sorted(SOURCES)


@pytest.mark.parametrize("share", range(SHARES))
def test_every_pdf_is_pdf_ua_1_by_verapdf(builds: Builds, share: int) -> None:
    pdfs = _built(builds, "pdf", _share(share))
    verdicts = verapdf_pdfua(pdfs)
    # -- one line per broken rule, with how often and where first: the report stays readable --
    failed = {
        pdf.name: [
            f"{rule} x{sum(f.rule == rule for f in failures)}: "
            f"{next(f for f in failures if f.rule == rule).message[:90]} "
            f"({next(f.where for f in failures if f.rule == rule)})"
            for rule in sorted({f.rule for f in failures})
        ]
        for pdf, failures in verdicts.items()
        if failures
    }
    assert not failed, "veraPDF PDF/UA-1 failures:\n" + "\n".join(
        f"{name}:\n  " + "\n  ".join(lines) for name, lines in failed.items()
    )


@pytest.mark.parametrize("share", range(SHARES))
def test_every_web_page_has_no_axe_violation_on_a_phone_or_a_laptop(
    builds: Builds, share: int
) -> None:
    pages = _built(builds, "html", _share(share))
    checked = axe_violations(pages, WIDTHS)  # -- one browser for both widths --
    # -- every page was checked at each width --
    assert sorted(checked) == sorted(f"{p.name} @ {w}px" for p in pages for w in WIDTHS)
    found = {page: v for page, v in checked.items() if v}
    assert not found, "axe-core violations:\n" + "\n".join(
        f"{page}:\n  " + "\n  ".join(v) for page, v in found.items()
    )


def test_a_missing_checker_fails_with_the_line_that_installs_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import _support_a11y

    monkeypatch.setattr(_support_a11y.shutil, "which", lambda name: None)
    with pytest.raises(pytest.fail.Exception, match="apt-get install default-jre-headless"):
        _support_a11y.verapdf_classpath()
    monkeypatch.setattr(_support_a11y, "CHROMIUM", Path("/nonexistent/chromium"))
    with pytest.raises(pytest.fail.Exception, match="apt-get install chromium"):
        _support_a11y.axe_violations([], (375,))
