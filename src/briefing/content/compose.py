"""Compose a content file's text into YAML nodes, refusing what a content file never needs.

``str -> Node | None``. PyYAML's pure-Python composer is the reference: its tree, its
marks, its errors and its refusals (an alias, an anchor, a tag, nesting deeper than
:data:`MAX_DEPTH`) are what :mod:`briefing.content.source` builds on and quotes.
libyaml, PyYAML's C parser, composes the same tree forty times faster, so it does the
work whenever it reads the text as PyYAML does; PyYAML reads the rest. Where the two are
known to part (tested by composing generated text with both), PyYAML reads:

- text with a tab, a byte order mark inside it, or the line breaks U+0085, U+2028 and
  U+2029;
- a block scalar whose header runs into a ``#`` (``|#``): PyYAML refuses it;
- a plain scalar inside ``[...]`` or ``{...}`` with a ``?`` in it (PyYAML refuses it), or
  an empty one (``[Year: , Revenue]``: libyaml marks it a character later);
- anything libyaml refuses, or that PyYAML would refuse (an alias, an anchor, a tag, deep
  nesting): every message is PyYAML's.

libyaml's marks are rebuilt from their character offsets, which both count alike, so each
line and column is PyYAML's too.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

import yaml
from yaml.nodes import CollectionNode, Node, ScalarNode

MAX_DEPTH = 12  # the format nests four levels deep (sections > table > rows > cell)

# -- characters the two parsers read differently (tabs, the rarer line breaks, a BOM) --
_PARTING = re.compile("[\t\x85\u2028\u2029\ufeff]")
# -- a block scalar's header: `|` or `>`, then its indicators (`-`, `+`, a digit) --
_HEADER = re.compile(r"[|>][-+0-9]*")
_COLLECTION_START = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_COLLECTION_END = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class Refused(Exception):
    """YAML a content file may not use, at ``line``:``column`` (1-based)."""

    def __init__(self, node_mark: Any, message: str, hint: str = "") -> None:
        self.line = node_mark.line + 1
        self.column = node_mark.column + 1
        self.message = message
        self.hint = hint


def compose(text: str) -> Node | None:
    """The single document in ``text`` as nodes, or PyYAML's error, or :class:`Refused`."""
    if _PARTING.search(text) is None:
        try:
            if _read_alike(text):
                return _with_marks(_compose_in_c(text), text)
        except yaml.YAMLError:
            pass  # -- libyaml refuses it: PyYAML says why, in its own words --
    return _compose_in_python(text)


def _read_alike(text: str) -> bool:
    """Whether libyaml may compose ``text``: nothing PyYAML would refuse or read otherwise.

    libyaml's events, in C: this pass is a small part of composing in Python."""
    flows: list[bool] = []  # -- the collections open, and whether each is `[...]`/`{...}` --
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        # -- first, always: libyaml composes an alias into a shared node, a cycle for a
        #    self-referring one, which nothing after this pass could walk --
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return False
        if getattr(event, "tag", None) is not None:
            return False
        if isinstance(event, _COLLECTION_START):
            flows.append(bool(event.flow_style))
            if len(flows) > MAX_DEPTH:
                return False  # -- stopped here: the rest of a nesting bomb is never read --
        elif isinstance(event, _COLLECTION_END):
            flows.pop()
        elif isinstance(event, yaml.ScalarEvent):
            if len(flows) + 1 > MAX_DEPTH:
                return False
            if event.style in ("|", ">") and _header_runs_into_comment(text, event):
                return False
            if flows and flows[-1] and not event.style and ("?" in event.value or not event.value):
                return False
    return True


def _header_runs_into_comment(text: str, event: Any) -> bool:
    header = _HEADER.match(text, event.start_mark.index)
    return header is not None and text[header.end() : header.end() + 1] == "#"


def _compose_in_c(text: str) -> Node | None:
    loader = yaml.CSafeLoader(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def _with_marks(root: Node | None, text: str) -> Node | None:
    """The tree libyaml composed, marked and styled as PyYAML marks and styles it."""
    if root is None:
        return None
    # -- with no tab, BOM or rare break, a line starts after `\n`, `\r\n` or a lone `\r` --
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|[\r\n]", text)]

    def mark(index: int) -> yaml.Mark:
        line = bisect.bisect_right(starts, index) - 1
        # -- no buffer: PyYAML quotes no snippet of it, and our messages quote the line --
        return yaml.Mark("<unicode string>", index, line, index - starts[line], None, index)

    stack = [root]
    while stack:
        node = stack.pop()
        node.start_mark = mark(node.start_mark.index)
        node.end_mark = mark(node.end_mark.index)
        if isinstance(node, ScalarNode):
            node.style = node.style or None  # -- plain: PyYAML says None, libyaml '' --
        elif isinstance(node, CollectionNode):
            # -- (a block list under a key has flow_style None in PyYAML, False here;
            #    nothing reads it) --
            stack.extend(
                n for pair in node.value for n in (pair if isinstance(pair, tuple) else (pair,))
            )
    return root


def _compose_in_python(text: str) -> Node | None:
    loader = _Loader(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and deep nesting while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise Refused(
                event.start_mark,
                "YAML aliases (*name) are not allowed here",
                "write the text out in full",
            )
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise Refused(
                event.start_mark,
                "YAML anchors (&name) are not allowed here",
                "write the text out in full",
            )
        tag = getattr(event, "tag", None)
        if tag is not None:
            raise Refused(
                event.start_mark,
                f"YAML tags ({tag}) are not allowed here",
                "remove the tag; write plain text",
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise Refused(
                    event.start_mark,
                    f"nesting deeper than {MAX_DEPTH} levels",
                    "the content format nests at most four levels",
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1
