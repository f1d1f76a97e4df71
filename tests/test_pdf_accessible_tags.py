"""The PDF's tags as a screen reader and a copy-paste see them: one link per contents entry
named by its words, running heads and leaders out of the text, table header IDs indexed,
list labels tagged, and words that extract whole."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from conftest import Built
from support import MUSE_SPARK, Builds

DOTS = re.compile(r"^[. ]+$")


@pytest.fixture
def muse(builds: Builds) -> Built:
    """The shipped briefing with its contents page, whose links and leaders are read here."""
    return builds.with_contents(MUSE_SPARK)


def _elements(kids: object) -> list[pikepdf.Dictionary]:
    found = []
    for kid in list(kids) if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append(kid)
            found += _elements(kid.get("/K", pikepdf.Array()))
    return found


def _tree(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return _elements(pdf.Root.StructTreeRoot.K)


def _pdftotext(path: Path) -> str:
    try:
        run = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    except FileNotFoundError:
        pytest.fail("pdftotext is missing; install it with: sudo apt-get install poppler-utils")
    return run.stdout


def test_each_contents_entry_is_one_link_named_by_its_words(muse: Built) -> None:
    with pikepdf.open(muse.pdf) as pdf:
        contents = pdf.pages[1]
        annots = list(contents.obj.Annots)
        named = [str(a.Contents) for a in annots]
        titles = [s.title for s in muse.briefing.sections]
        # -- one annotation per entry: the summary, each section (with its number), next
        #    steps if any, sources --
        steps = 1 if muse.briefing.next_steps else 0
        assert len(annots) == len(titles) + 2 + steps
        assert named[1 : 1 + len(titles)] == [f"{n} {t}" for n, t in enumerate(titles, start=1)]
        links = [e for e in _tree(pdf) if pikepdf.Name.Link == e.S]
        owners = {
            kid.Obj.objgen: link
            for link in links
            for kid in link.K
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.OBJR
        }
        assert {a.objgen for a in annots} <= set(owners)
        # -- no link inside a link, no annotation under a Span --
        assert all(pikepdf.Name.Link != link.P.S for link in links)


def test_every_link_says_where_it_leads_not_its_anchor(muse: Built) -> None:
    with pikepdf.open(muse.pdf) as pdf:
        described = [str(a.Contents) for page in pdf.pages for a in page.obj.get("/Annots", [])]
    anchors = {s.id for s in muse.briefing.sections} | {
        f"source-{s.id}" for s in muse.briefing.sources
    }
    assert described
    assert not anchors & set(described)
    source_titles = {s.title for s in muse.briefing.sources}
    assert any(any(t in d for t in source_titles) for d in described)


def test_running_heads_and_leaders_are_artifacts_not_text(muse: Built) -> None:
    with pikepdf.open(muse.pdf) as pdf:
        reachable = {e.objgen for e in _tree(pdf)}
        parents = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
        for index, page in enumerate(pdf.pages):
            mcids = parents.get(index)
            for element in mcids or []:
                # -- every tagged piece of content belongs to the document's tree --
                assert not isinstance(element, pikepdf.Dictionary) or element.objgen in reachable
            stream = page.Contents.read_bytes()
            if index > 0:
                assert b"/Artifact << /Type /Pagination >> BDC" in stream
        leaders = pdf.pages[1].Contents.read_bytes().count(b"/Artifact << /Type /Layout >> BDC")
        assert leaders >= len(muse.briefing.sections)


def test_table_header_ids_are_in_an_id_tree(muse: Built) -> None:
    with pikepdf.open(muse.pdf) as pdf:
        ids = {bytes(e.ID) for e in _tree(pdf) if "/ID" in e}
        assert ids
        tree = pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree)
        assert {k.encode("latin-1") for k in tree.keys()} == ids  # noqa: SIM118


def test_takeaway_numbers_are_list_labels(muse: Built) -> None:
    with pikepdf.open(muse.pdf) as pdf:
        labels = [e for e in _tree(pdf) if pikepdf.Name.Lbl == e.S]
    assert len(labels) >= len(muse.briefing.takeaways)


def test_labels_and_long_words_extract_whole(muse: Built) -> None:
    text = _pdftotext(muse.pdf)
    classification = (muse.briefing.classification or "").upper()
    assert classification and classification in text
    assert "KEY POINTS" in text and "BOTTOM LINE UP FRONT" in text
    assert not re.search(r"\b(\w ){3,}\w\b", text.replace("[", " ")), "a word split into letters"
    # -- no word broken over a line with a hyphen the author did not type --
    assert "Superintelligence" in text
    assert not re.search(r"[a-z]-\n[a-z]", text)
