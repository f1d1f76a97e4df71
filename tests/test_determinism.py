"""Same source and templates, same bytes: across runs, clocks, time zones and locales.

The dates a reader sees come from the content; SOURCE_DATE_EPOCH, when set, stamps
the deck's zip entries (never before 1980) and fontTools' subset fonts.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing import epoch
from briefing.build import check
from briefing.project import find_project
from support import ROOT, VALID, Builds, run_cli

# -- slow: each test builds whole briefings twice or more (the edit loop skips it) --
pytestmark = pytest.mark.slow

FORMATS = ("html", "pdf", "pptx")


def _build_in(out: Path, **env: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "briefing", "build", str(VALID), "-o", str(out), "-q"],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _outputs(out: Path) -> dict[str, bytes]:
    return {fmt: (out / f"{VALID.stem}.{fmt}").read_bytes() for fmt in FORMATS}


@pytest.mark.slow  # -- real builds, in other zones and locales --
def test_builds_in_other_time_zones_and_locales_are_byte_identical(
    tmp_path: Path, builds: Builds
) -> None:
    # -- real processes: the zone and the locale are the ones the interpreter starts with;
    #    a day apart from each other (UTC+14, UTC-10), and compared with this run's build --
    settings = {
        "kiritimati": {"TZ": "Pacific/Kiritimati", "LC_ALL": "C", "LANG": "C"},
        "honolulu": {"TZ": "Pacific/Honolulu", "LC_ALL": "C.UTF-8", "LANG": "de_DE.UTF-8"},
    }
    started = {key: _build_in(tmp_path / key, **env) for key, env in settings.items()}
    here = builds.of(VALID)
    first = {fmt: getattr(here, fmt).read_bytes() for fmt in FORMATS}
    for build in started.values():
        _, err = build.communicate(timeout=120)
        assert build.returncode == 0, err.decode()
    for key in settings:
        other = _outputs(tmp_path / key)
        for fmt in FORMATS:
            assert other[fmt] == first[fmt], (key, fmt)


# -- one line in the theme's body face: one font to subset, which is where fontTools reads
#    the clock (a whole briefing subsets five, at seconds each) --
ONE_LINE = (
    '<html lang="en"><body style="font-family: \'Source Serif Pro\'">'
    "<p>One line: a subset font of its own.</p></body></html>"
)


def _pdf_with_clock(now: float, monkeypatch: pytest.MonkeyPatch) -> bytes:
    from briefing.pdf.typeset import typeset

    monkeypatch.setattr(time, "time", lambda: now)
    allowed = find_project(ROOT).allowed_reads()
    return typeset(ONE_LINE, briefing=check(VALID), allowed=allowed).data


def test_pdf_bytes_do_not_depend_on_the_clock_even_with_fonttools_subsetting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import weasyprint.pdf.fonts

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    # -- without HarfBuzz's subsetter WeasyPrint uses fontTools, which stamps head.modified --
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    early = _pdf_with_clock(1_700_000_000.0, monkeypatch)
    late = _pdf_with_clock(1_900_000_000.0, monkeypatch)
    # -- the theme's face, subset and embedded --
    fonts = PdfReader(io.BytesIO(early)).pages[0]["/Resources"]["/Font"]
    assert [str(f.get_object()["/BaseFont"]).split("+")[-1] for f in fonts.values()] == [
        "Source-Serif-Pro"
    ]
    assert early == late
    assert "SOURCE_DATE_EPOCH" not in os.environ  # the pinned clock is put back


def test_pdf_dates_and_identifier_come_from_the_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    run = run_cli(["build", str(VALID), "-o", str(tmp_path), "--only", "pdf", "-q"], capsys)
    assert run.status == 0, run.err
    reader = PdfReader(tmp_path / f"{VALID.stem}.pdf")
    info = reader.metadata
    assert info is not None
    assert info["/CreationDate"].startswith("D:20261126")
    assert info["/ModDate"].startswith("D:20261126")


def _zip_times(path: Path) -> set[tuple[int, ...]]:
    with zipfile.ZipFile(path) as deck:
        return {info.date_time for info in deck.infolist()}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, (2026, 11, 26, 0, 0, 0)),  # unset: the edition date
        ("1700000000", (2023, 11, 14, 22, 13, 20)),
        ("0", (1980, 1, 1, 0, 0, 0)),  # before zip time starts: clamped, not broken
        ("not-a-number", (2026, 11, 26, 0, 0, 0)),  # ignored, as the spec allows
    ],
)
def test_source_date_epoch_sets_the_deck_zip_times(
    value: str | None,
    expected: tuple[int, ...],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(ROOT)
    if value is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    run = run_cli(["build", str(VALID), "-o", str(tmp_path), "--only", "pptx", "-q"], capsys)
    assert run.status == 0, run.err
    assert _zip_times(tmp_path / f"{VALID.stem}.pptx") == {expected}


def test_build_epoch_is_midnight_utc_of_the_edition_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    day = dt.date(2026, 11, 26)
    assert epoch.build_epoch(day) == int(dt.datetime(2026, 11, 26, tzinfo=dt.UTC).timestamp())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "12")
    assert epoch.build_epoch(day) == 12
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1" + "0" * 30)
    assert epoch.build_epoch(day) == epoch.LAST_EPOCH


@pytest.mark.parametrize(
    ("day", "value", "expected"),
    [
        (dt.date(4927, 4, 13), None, (2107, 12, 31, 23, 59, 58)),  # found by the property test
        (dt.date(1, 1, 1), None, (1980, 1, 1, 0, 0, 0)),
        (dt.date(2026, 11, 26), 10**30, (2107, 12, 31, 23, 59, 58)),
        (dt.date(2026, 11, 26), 315532800, (1980, 1, 1, 0, 0, 0)),
    ],
)
def test_zip_times_are_clamped_to_what_zip_can_hold(
    day: dt.date, value: int | None, expected: tuple[int, ...]
) -> None:
    assert epoch.zip_date_time(day, value) == expected


def test_a_far_future_edition_date_still_gives_a_deck(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    source = tmp_path / "future.yaml"
    source.write_text(VALID.read_text().replace("date: 2026-11-26", "date: 4927-04-13"))
    run = run_cli(["build", str(source), "-o", str(tmp_path), "--only", "pptx", "-q"], capsys)
    assert run.status == 0, run.err
    assert _zip_times(tmp_path / "future.pptx") == {(2107, 12, 31, 23, 59, 58)}
