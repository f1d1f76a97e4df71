"""libyaml composes a content file only where it reads it as PyYAML does.

PyYAML's pure-Python composer is the reference (its tree, marks, errors and refusals);
:func:`briefing.content.compose.compose` hands the text to libyaml when that is safe. Each
test compares the whole outcome of both, a node's marks included: what the author sees
(a value, a line and column in a message) cannot depend on which parser read the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, ScalarNode

from briefing.content import compose
from support import ROOT


def _tree(node: Node | None) -> Any:
    if node is None:
        return None
    marks = tuple((m.line, m.column, m.index) for m in (node.start_mark, node.end_mark))
    if isinstance(node, ScalarNode):
        return ("scalar", node.tag, node.value, node.style or None, marks)
    if isinstance(node, MappingNode):
        pairs = [(_tree(k), _tree(v)) for k, v in node.value]
        return ("mapping", node.tag, bool(node.flow_style), marks, pairs)
    items = [_tree(n) for n in node.value]
    return ("sequence", node.tag, bool(node.flow_style), marks, items)


def _outcome(read: Any, text: str) -> Any:
    try:
        return ("read", _tree(read(text)))
    except compose.Refused as err:
        return ("refused", err.line, err.column, err.message, err.hint)
    except yaml.YAMLError as err:
        return ("error", type(err).__name__, str(err))


def _same_as_pyyaml(text: str) -> None:
    assert _outcome(compose.compose, text) == _outcome(compose._compose_in_python, text)


def _uses_libyaml(text: str, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Whether the tree libyaml composed is the one :func:`compose` gave."""
    read: list[str] = []
    real = compose._compose_in_c

    def spy(t: str) -> Node | None:
        node = real(t)
        read.append(t)  # -- composed: what libyaml refuses is PyYAML's to explain --
        return node

    monkeypatch.setattr(compose, "_compose_in_c", spy)
    _outcome(compose.compose, text)
    return bool(read)


_SHIPPED = sorted(
    p
    for pattern in ("content/*.yaml", "examples/*/content/*.yaml", "templates/**/*.yaml")
    for p in ROOT.glob(pattern)
) + sorted((ROOT / "tests" / "fixtures").rglob("*.yaml"))


@pytest.mark.parametrize("path", _SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_and_fixture_file_composes_as_pyyaml_composes_it(path: Path) -> None:
    _same_as_pyyaml(path.read_bytes().decode("utf-8", errors="replace"))


def test_the_shipped_briefing_is_composed_by_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    # -- the speed is the point: a plain briefing must not fall back to PyYAML's composer --
    text = (ROOT / "content" / "muse-spark.yaml").read_text(encoding="utf-8")
    assert _uses_libyaml(text, monkeypatch)


# -- each is text libyaml reads otherwise than PyYAML: PyYAML must read it, and say what
#    it says today (removing any one of compose's rules makes its case fail) --
_PARTING = {
    "tab in a value": "title: Revenue\tup 5%\n",
    "tab in a flow list": "columns: [Year,\tRevenue]\n",
    "next-line character": "title: one\x85two\n",
    "line separator": "title: one\u2028two\n",
    "byte order mark inside": "title: a\ufeffb\n",
    "block header into a comment": "summary: >#1 in Europe\n",
    "literal header into a comment": "summary: |-#note\n  text\n",
    "question mark in a flow value": "columns: [Is it ? yes, No]\n",
    "empty value in a flow pair": "columns: [Year: , Revenue, Margin]\n",
    "alias": "a: &x 1\nb: *x\n",
    "anchor": "a: &x 1\n",
    "tag": "a: !!str 1\n",
    "nesting bomb": "a: " + "[" * 40 + "]" * 40 + "\n",
    "two documents": "a: 1\n---\nb: 2\n",
}


@pytest.mark.parametrize("text", _PARTING.values(), ids=_PARTING.keys())
def test_text_the_parsers_read_apart_is_read_by_pyyaml(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _same_as_pyyaml(text)
    assert not _uses_libyaml(text, monkeypatch)


# -- generated text: lines a content file has, of the characters where YAML is subtle --
_PIECES = [
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    ":",
    ": ",
    "- ",
    "#",
    " #",
    '"',
    "'",
    "|",
    ">",
    "|-",
    ">+",
    "|2",
    "[",
    "]",
    "{",
    "}",
    ",",
    "?",
    "? ",
    "!",
    "&",
    "*",
    "%",
    "@",
    "`",
    "Q3",
    "1.5",
    "12%",
    "€62m",
    "e\u0301",
    "\u201c",
    "\U0001f600",
    "\u00a0",
    "\x85",
    "\u2028",
    "\ufeff",
    "~",
    "null",
    "yes",
    "2026-01-01",
    "0x1F",
    '"a\\x41\\N"',
    "---",
    "...",
    "a",
    "b",
]
_HEADS = ["", "k: ", "k:", "- ", "- k: ", "? ", "k: [", "k: {", "- [a: , ", "k: |\n  "]


@st.composite
def _yamlish(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        indent = " " * draw(st.sampled_from([0, 0, 2, 4]))
        head = draw(st.sampled_from(_HEADS))
        body = "".join(draw(st.lists(st.sampled_from(_PIECES), max_size=8)))
        lines.append(indent + head + body)
    return "\n".join(lines)


@given(_yamlish())
def test_generated_text_composes_as_pyyaml_composes_it(text: str) -> None:
    _same_as_pyyaml(text)
