"""Time a build of each pathological source family, at the limits and past them; prints figures.

    python bench/pathological.py [--repeat 1]

For each family the adversarial review found (runs of ``[``, ``[@``, ``[a](``, overlong
words, words joined by no-break spaces, nesting, wide tables), a body at the largest size
the bounds allow is built in full (HTML, PDF, deck), and a body far past them is checked and
refused. The refusal must take a moment whatever the size; a build within the limits should
take a few seconds per page at most (deeply nested lists are the
slowest per character: the PDF engine lays out every list item). Last, a source whose
address is as long as the format allows, a word that may break anywhere (it once took the
PDF engine a minute: it measured the address a character at a time).
Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from briefing.build import build  # noqa: E402
from briefing.content import bounds  # noqa: E402
from briefing.content.model import SourceRef  # noqa: E402
from briefing.errors import BriefingError  # noqa: E402
from briefing.project import find_project  # noqa: E402

BASE = (ROOT / "tests" / "fixtures" / "valid_minimal.yaml").read_text()
BODY = "    body: |\n      Body text [@src].\n"
N = bounds.MAX_BRACKETS - 1  # the body's closing [@src] is one more


def with_body(text: str) -> str:
    lines = "".join(f"      {line}\n" if line else "\n" for line in text.split("\n"))
    return BASE.replace(BODY, "    body: |\n" + lines + "      [@src]\n")


def with_address(length: int) -> str:
    """The base source citing one source whose address is ``length`` characters long."""
    path = "/".join(f"volume-{i:03d}-chapter-{i * 7:04d}" for i in range(1, length // 10))
    url = ("https://example.org/" + path)[:length]
    return BASE + f"    url: {url}\n"


def paragraphs(unit: str, per_paragraph: int) -> str:
    """As many paragraphs of ``unit`` repeated as fit in a field (and its list items)."""
    one = unit * per_paragraph
    count = max(1, (bounds.MAX_CHARS - 200) // (len(one) + 2))
    items = one.count("- ")
    if items:
        count = min(count, bounds.MAX_LIST_ITEMS // items)
    return "\n\n".join([one] * count)


WORD = bounds.MAX_WORD
FAMILIES = {
    "[ (spaced)": ("[ ", N),
    "[@ (spaced)": ("[@ ", N),
    "[a]( (spaced)": ("[a]( ", N),
    "![ (spaced)": ("![ ", N),
    "&amp;": ("&amp;" * (WORD // 5) + " ", 8),
    "######": ("#" * WORD + " ", 8),
    "_a": ("_a" * (WORD // 2) + " ", 8),
    "<": ("<" * WORD + " ", 8),
    "long words": ("x" * WORD + " ", 8),
    "no-break joined": ("abcd\u00a0" * (WORD // 5) + " ", 8),
    "nested quotes": (">" * bounds.MAX_NESTING + " deep\n", 1),
    "nested lists": ("- " * bounds.MAX_NESTING + "deep\n", 1),
    "plain prose": ("The quick brown fox jumps over the lazy dog. ", 20),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    project = find_project(ROOT)
    print(f"{'family':<18}{'chars':>8}{'build s':>10}{'pages':>7}{'s/page':>8}{'refuse 10x s':>14}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, (unit, per) in FAMILIES.items():
            body = paragraphs(unit, per)
            source = folder / "at-limit.yaml"
            source.write_text(with_body(body), encoding="utf-8")
            best, pages = float("inf"), 0
            for _ in range(args.repeat):
                started = time.perf_counter()
                try:
                    built = build(source, project=project, out_dir=folder / "out")
                    pages = next(o.count for o in built.outputs if o.fmt == "pdf")
                except BriefingError as err:
                    print(f"{name:<18} refused within the limits: {err}")
                    break
                best = min(best, time.perf_counter() - started)
            past = folder / "past.yaml"
            past.write_text(with_body(unit * per * 10 * (bounds.MAX_CHARS // len(unit * per))))
            started = time.perf_counter()
            try:
                build(past, project=project, out_dir=folder / "out")
                refused = "built!"
            except BriefingError:
                refused = f"{time.perf_counter() - started:.2f}"
            per_page = best / pages if pages else float("nan")
            print(
                f"{name:<18}{len(body):>8,}{best:>10.2f}{pages:>7}{per_page:>8.2f}{refused:>14}",
                flush=True,
            )
        address = SourceRef.model_json_schema()["properties"]["url"]  # -- the model's limit --
        length = next(a["maxLength"] for a in address["anyOf"] if "maxLength" in a)
        source = folder / "address.yaml"
        source.write_text(with_address(length), encoding="utf-8")
        started = time.perf_counter()
        built = build(source, project=project, out_dir=folder / "out", formats=("pdf",))
        pages = next(o.count for o in built.outputs if o.fmt == "pdf")
        print(f"{'source address':<18}{length:>8,}{time.perf_counter() - started:>10.2f}{pages:>7}")


if __name__ == "__main__":
    main()
