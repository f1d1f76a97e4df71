"""The words the templates add, and the dates, follow the content's language."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from briefing.build import build
from briefing.cli import main
from briefing.errors import BriefingError
from briefing.look.labels import load_labels
from briefing.project import default_templates, find_project
from readback import pdf_pages, slide_text, slides, squash
from support import DECK_LONG, GERMAN, ROOT, Builds

# -- slow: whole builds in four languages (the edit loop skips it) --
pytestmark = pytest.mark.slow

PACKAGED = default_templates() / "labels.yaml"
ENGLISH_WORDS = ["Contents", "Executive summary", "Key takeaways", "Key points", "Sources"]


@pytest.fixture
def german(builds: Builds) -> dict[str, Path]:
    built = builds.with_contents(GERMAN)  # -- its contents page's title is read --
    # -- the deck has no contents page: the session's plain build of it, which other
    #    modules read too, is the deck a user gets --
    return {"html": built.html, "pdf": built.pdf, "pptx": builds.of(GERMAN).pptx}


def test_a_german_briefing_has_german_words_and_dates_in_the_pdf(german: dict[str, Path]) -> None:
    pages = pdf_pages(german["pdf"])
    assert "14. März 2025" in pages[0]  # -- the cover's date, in German --
    assert "Inhalt" in pages[1]
    for number, page in enumerate(pages[1:], start=2):
        assert f"Seite {number} von {len(pages)}" in page  # -- the running foot --
    # -- some headings are set in capitals by the stylesheet --
    text = "\n".join(pages).casefold()
    for word in ("Zusammenfassung", "Kernaussagen", "Abschnitt 1", "Kernpunkte", "Tabelle 1"):
        assert word.casefold() in text, word
    assert "Quellen" in pages[-1]
    for word in ENGLISH_WORDS:
        assert word.casefold() not in text, word


def test_a_german_briefing_has_german_words_on_the_slides(german: dict[str, Path]) -> None:
    deck = slides(german["pptx"])
    text = "\n".join(slide_text(s) for s in deck)
    assert "Erstellt für Aufsichtsrat" in text  # -- the title slide's line --
    # -- no agenda for two sections, no takeaways slide beside the summary: the summary's
    #    title and the closing words are German --
    for word in ("Zusammenfassung", "Quelle: [1]", "Quellen", "Fragen und Diskussion"):
        assert word in text, word
    for word in ENGLISH_WORDS:
        assert word not in text, word


def test_the_web_page_says_the_same_words(german: dict[str, Path]) -> None:
    html = german["html"].read_text(encoding="utf-8")
    assert '<html lang="de">' in html
    assert '<h2 id="toc-title">Inhalt</h2>' in html
    assert "14. März 2025" in html


@pytest.mark.parametrize(
    ("language", "contents", "date"),
    [
        ("en", "Contents", "14 March 2025"),
        ("en-GB", "Contents", "14 March 2025"),  # -- no en-GB entry: en's words and format --
        ("de-AT", "Inhalt", "14. März 2025"),  # -- the language alone, in Austria's calendar --
        ("fr", "Sommaire", "14 mars 2025"),
        ("es", "Índice", "14 de marzo de 2025"),
        ("nl", "Contents", "14 March 2025"),  # -- not in the file: English throughout --
        ("x-private", "Contents", "14 March 2025"),
    ],
)
def test_a_language_picks_its_words_and_dates(language: str, contents: str, date: str) -> None:
    labels = load_labels(PACKAGED, language)
    assert labels.words["contents"] == contents
    assert labels.long_date(dt.date(2025, 3, 14)) == date


def test_every_language_in_the_file_gives_every_word() -> None:
    # -- a word left out would silently be English in the middle of a French page --
    every = yaml.safe_load(PACKAGED.read_text(encoding="utf-8"))
    words = set(every["en"]) - {"date_format"}
    assert len(every) >= 2
    for language, given in every.items():
        assert words <= set(given), (language, sorted(words - set(given)))


def _labels(project: Path, old: str, new: str) -> None:
    """Reword the project's own copy of the built-in labels."""
    path = project / "templates" / "labels.yaml"
    if not path.exists():
        path.parent.mkdir()
        shutil.copy(PACKAGED, path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_project_rewords_labels_that_cannot_break_out_of_the_stylesheet(project: Path) -> None:
    # -- one build of the two outputs read, with two labels reworded: the kicker, and the
    #    footer's word, whose quotes and </style> stay words in the CSS string it goes into --
    _labels(project, "kicker: Executive briefing", "kicker: Board paper")
    _labels(project, "  page: Page\n", "  page: 'P\"</style><script>x</script>'\n")
    assert main(["build", "content/x.yaml", "-o", "out", "-q", "--only", "html,pdf"]) == 0
    html = Path("out/x.html").read_text(encoding="utf-8")
    assert '<p class="kicker">Board paper</p>' in html
    assert "<script>" not in html
    pages = pdf_pages(Path("out/x.pdf"))
    assert "boardpaper" in squash(pages[0])
    assert 'P"</style><script>x</script> 2 of' in pages[1]


def test_a_misspelt_word_is_an_error_with_its_place(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _labels(project, "  contents: Inhalt\n", "  contens: Inhalt\n")
    assert main(["build", "content/x.yaml", "-o", "out", "-q"]) == 1
    err = capsys.readouterr().err
    line = 1 + next(
        i
        for i, text in enumerate(
            (project / "templates" / "labels.yaml").read_text(encoding="utf-8").splitlines()
        )
        if text.startswith("  contens:")
    )
    assert f"labels.yaml:{line}:3:" in err
    assert "contens" in err
    assert "Traceback" not in err
    assert not Path("out/x.html").exists()


def test_english_must_give_every_word(tmp_path: Path) -> None:
    path = tmp_path / "labels.yaml"
    path.write_text(
        PACKAGED.read_text(encoding="utf-8").replace("  contents: Contents\n", "", 1),
        encoding="utf-8",
    )
    with pytest.raises(BriefingError, match="English words are incomplete: contents") as caught:
        load_labels(path, "de")
    line = 1 + path.read_text(encoding="utf-8").splitlines().index("en:")
    assert f"labels.yaml:{line}:1:" in str(caught.value)


def test_a_continued_slide_is_marked_in_the_deck_s_language(tmp_path: Path) -> None:
    long = DECK_LONG.read_text(encoding="utf-8")
    source = tmp_path / "lang.yaml"
    source.write_text(f"language: de\n{long}", encoding="utf-8")
    built = build(source, project=find_project(ROOT), out_dir=tmp_path, formats=("pptx",))
    texts = [" ".join(s["texts"]) for s in slides(built.files["pptx"])]  # type: ignore[arg-type]
    assert any("(FORTSETZUNG)" in t.upper() for t in texts)
    assert not any("CONTINUED" in t for t in texts)


def test_a_source_date_is_written_like_the_edition_date(german: dict[str, Path]) -> None:
    # -- the fixture's source is dated "2025-01" --
    assert "Januar 2025" in pdf_pages(german["pdf"])[-1]
    assert "Januar 2025" in "\n".join(slide_text(s) for s in slides(german["pptx"]))
    labels = load_labels(PACKAGED, "en")
    assert labels.source_date("2026-02-20") == "20 February 2026"
    assert labels.source_date("Spring 2025") == "Spring 2025"
    assert labels.source_date("2025-13") == "2025-13"  # -- not a month: as given --


def test_an_impossible_source_date_is_printed_as_given() -> None:
    labels = load_labels(PACKAGED, "en")
    for text in ("0000-01", "0000-01-01", "2025-02-30"):
        assert labels.source_date(text) == text


def test_a_language_given_twice_is_an_error_at_its_second_entry(tmp_path: Path) -> None:
    path = tmp_path / "labels.yaml"
    text = PACKAGED.read_text(encoding="utf-8") + "\nDE:\n  contents: Inhaltsverzeichnis\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BriefingError, match="given twice") as caught:
        load_labels(path, "de")
    line = 1 + text.splitlines().index("DE:")
    assert f"labels.yaml:{line}:1:" in str(caught.value)


def test_a_listed_language_babel_does_not_know_keeps_the_english_date(tmp_path: Path) -> None:
    path = tmp_path / "labels.yaml"
    text = PACKAGED.read_text(encoding="utf-8") + "\ntlh:\n  contents: QIn\n"
    path.write_text(text, encoding="utf-8")
    labels = load_labels(path, "tlh")
    assert labels.words["contents"] == "QIn"
    assert labels.long_date(dt.date(2025, 3, 14)) == "14 March 2025"


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "the file is empty"), ("- en\n", "the top level is a list; this file is a mapping")],
)
def test_a_labels_file_of_the_wrong_shape_is_described_as_such(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "labels.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BriefingError, match=message) as caught:
        load_labels(path, "en")
    assert "briefing new" not in str(caught.value)  # -- a content file's hint --
    assert "built-in file" in str(caught.value)
