"""The theming guide names every brand token that theme.yaml accepts."""

from __future__ import annotations

from pydantic import BaseModel

from briefing.look.theme import Theme
from support import ROOT

GUIDE = ROOT / "docs" / "theming.md"


def _leaves(model: type[BaseModel], prefix: str = "") -> list[str]:
    found = []
    for name, info in model.model_fields.items():
        kind = info.annotation
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            found += _leaves(kind, f"{prefix}{name}.")
        else:
            found.append(f"{prefix}{name}")
    return found


def test_every_theme_token_has_a_row_in_the_theming_guide() -> None:
    rows = [
        line for line in GUIDE.read_text(encoding="utf-8").splitlines() if line.startswith("| `")
    ]
    undocumented = []
    for token in _leaves(Theme):
        group, _, leaf = token.rpartition(".")
        # -- a row may name a token in full, or several of one group: `deck.body_pt`, `min_body_pt`
        if not any(
            f"`{token}`" in row
            or (f"| `{group}." in row and (f"`{leaf}`" in row or f"`.{leaf}`" in row))
            for row in rows
        ):
            undocumented.append(token)
    assert undocumented == []
