"""Describe the content format for editors and readers, from the model alone.

``model -> JSON Schema`` (what ``briefing schema`` prints, what a content file's
``yaml-language-server`` header points at) and ``JSON Schema -> Markdown`` (the
format reference, docs/content-format.md). Both come from the field
descriptions in :mod:`briefing.content.model`, so neither can disagree with validation.
"""

from __future__ import annotations

import json
from typing import Any

SCHEMA_FILE = "briefing.schema.json"
"""The schema's file name, beside the content files that name it in their header."""

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of content format version 1."""
    from briefing.content.model import Briefing  # -- not at import: `briefing --help` stays fast --

    schema = Briefing.model_json_schema()
    _drop_generated_titles(schema)
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "briefing content, format version 1",
        **schema,
    }


def schema_text() -> str:
    """The JSON Schema as the text of a file: stable key order, newline at the end."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def editor_header(schema_path: str = SCHEMA_FILE) -> str:
    """The first line of a content file: tells YAML editors where the schema is."""
    return f"# yaml-language-server: $schema={schema_path}"


def _drop_generated_titles(schema: dict[str, Any]) -> None:
    # -- pydantic titles every field after its name ("Id", "Url"): noise in an editor's
    #    hover, which shows the description anyway; the models keep their titles --
    for model in [schema, *schema.get("$defs", {}).values()]:
        for prop in model.get("properties", {}).values():
            prop.pop("title", None)


# -- the Markdown reference --------------------------------------------------------------

_INTRO = """\
# Content format reference (version 1)

<!-- Generated from src/briefing/content/model.py by `briefing schema --markdown`; do not edit:
     run `make reference` after changing the model. A test checks this file is current. -->

A briefing is one YAML file, usually `content/NAME.yaml` (`briefing new NAME`
writes one with every field filled in and commented). These tables list every
field the format knows; any other field is an error, reported with its line and
a suggestion. Markdown fields use Python-Markdown; fields marked *inline
Markdown* take emphasis, links and citations only, on one line. Cite a source
as `[@id]`, where `id` names an entry under `sources`.

Editors that use the YAML language server (VS Code's YAML extension, Neovim,
JetBrains IDEs) complete and check fields when the file starts with

```yaml
# yaml-language-server: $schema=briefing.schema.json
```

and `briefing.schema.json` (written by `briefing schema > content/briefing.schema.json`
or by `briefing new`) sits beside it. `briefing check` applies the same rules
and a few the schema cannot express: text must not be blank, one-line fields
must be one line, section and source ids must be unique, every `[@id]` must
name a source, and a source's `url` must be an http or https address.
"""

_SECTION_NAMES = {
    "Briefing": "The top level",
    "Section": "`sections[]`: one chapter, one or more slides",
    "Table": "`sections[].table`",
    "SourceRef": "`sources[]`",
}


def reference_markdown() -> str:
    """The content-format reference, one table per object of the format."""
    schema = json_schema()
    defs: dict[str, Any] = schema.get("$defs", {})
    parts = [_INTRO]
    for name, model in [("Briefing", schema), *_ordered_defs(schema, defs)]:
        parts.append(f"## {_SECTION_NAMES.get(name, name)}\n")
        parts.append(f"{model.get('description', '')}\n")
        parts.append("| field | required | type | limits | what it is |")
        parts.append("| --- | --- | --- | --- | --- |")
        required = set(model.get("required", []))
        for field, prop in model["properties"].items():
            parts.append(_row(field, prop, field in required))
        parts.append("")
    return "\n".join(parts)


def _ordered_defs(schema: dict[str, Any], defs: dict[str, Any]) -> list[tuple[str, Any]]:
    """Definitions in the order the top level first refers to them (depth first)."""
    seen: list[str] = []

    def visit(node: object) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                name = ref.rsplit("/", 1)[-1]
                if name not in seen:
                    seen.append(name)
                    visit(defs[name])
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(schema["properties"])
    return [(name, defs[name]) for name in seen]


def _row(field: str, prop: dict[str, Any], required: bool) -> str:
    shape = _non_null(prop)
    needed = "yes" if required else "no"
    if "default" in prop and prop["default"] not in (None, []):
        needed = f"no (default `{prop['default']}`)"
    cells = [f"`{field}`", needed, _type(shape), _limits(shape), prop.get("description", "")]
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _non_null(prop: dict[str, Any]) -> dict[str, Any]:
    """The shape of an optional field without its ``null`` alternative."""
    options = [o for o in prop.get("anyOf", []) if o.get("type") != "null"]
    return options[0] if len(options) == 1 else prop


def _type(shape: dict[str, Any]) -> str:
    if "$ref" in shape:
        return "object: " + str(shape["$ref"]).rsplit("/", 1)[-1]
    kind = shape.get("type")
    if kind == "array":
        return "list of " + _plural(_type(shape.get("items", {})))
    if kind == "string":
        return "date (YYYY-MM-DD)" if shape.get("format") == "date" else "text"
    return str(kind)


def _plural(kind: str) -> str:
    if kind.startswith("object: "):
        return kind.removeprefix("object: ") + " objects"
    if kind.startswith("list of "):
        return "lists of " + kind.removeprefix("list of ")
    return kind


def _limits(shape: dict[str, Any]) -> str:
    limits = []
    low, high = shape.get("minItems"), shape.get("maxItems")
    if low is not None and high is not None:
        limits.append(f"{low} to {high} items")
    elif high is not None:
        limits.append(f"at most {high} items")
    elif low is not None:
        limits.append(f"at least {low} items")
    inner = shape.get("items", {})
    while inner.get("type") == "array":
        inner = inner.get("items", {})
    text = shape if shape.get("type") == "string" else inner
    if "maxLength" in text:
        each = "" if text is shape else "each "
        limits.append(f"{each}at most {text['maxLength']:,} characters")
    if "pattern" in text:
        limits.append(f"matches `{text['pattern']}`")
    return "; ".join(limits)
