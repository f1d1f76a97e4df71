"""The stages import each other one way: the import graph of ``briefing`` has no cycles
(imports inside functions counted too: deferring an import hides a cycle, it does not
remove it)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

# -- (deck.writer and deck.archetype_writing meet only for types, under TYPE_CHECKING) --


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, modules: set[str]) -> set[str]:
    """The ``briefing`` modules ``path`` imports, outside ``if TYPE_CHECKING:`` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for stmt in block.body
        for node in ast.walk(stmt)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return {name for name in found if name in modules}


def cycles() -> set[frozenset[str]]:
    files = {module_name(p): p for p in SRC.rglob("*.py")}
    graph = {name: imports(path, set(files)) - {name} for name, path in files.items()}
    # -- a package imports its own modules through __init__: not a cycle of stages --
    graph = {n: {m for m in deps if not n.startswith(m + ".")} for n, deps in graph.items()}
    found: set[frozenset[str]] = set()

    def reach(start: str, node: str, seen: tuple[str, ...]) -> None:
        for nxt in graph[node]:
            if nxt == start:
                found.add(frozenset(seen))
            elif nxt not in seen and nxt > start:  # -- each cycle once, from its least name
                reach(start, nxt, (*seen, nxt))

    for name in sorted(graph):
        reach(name, name, (name,))
    return found


def test_the_import_graph_has_no_cycles() -> None:
    assert cycles() == set()
