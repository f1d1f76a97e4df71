"""Describe the content format for editors and readers, from the model alone.

``model -> JSON Schema`` (what ``briefing schema`` prints, what a content file's
``yaml-language-server`` header points at) and ``JSON Schema -> Markdown`` (the
format reference, docs/content-format.md). Both come from the model in
:mod:`briefing.content.model` and the docstring under each field, so neither can
disagree with validation; ``briefing new`` writes the same words as comments.
"""

from __future__ import annotations

import ast
import functools
import inspect
import itertools
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

SCHEMA_FILE = "briefing.schema.json"
"""The schema's file name, beside the content files that name it in their header."""

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of content format version 1."""
    from briefing.content.model import Briefing  # -- not at import: `briefing --help` stays fast --

    schema = Briefing.model_json_schema()
    _describe_fields(schema)
    _drop_generated_titles(schema)
    _text_as_written(schema)
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


def field_docs(model: type[BaseModel]) -> dict[str, str]:
    """Each field of ``model`` that has one, with its description: the docstring written
    under its declaration (its own class's or a base's), its lines joined into one.

    The convention is the one Sphinx and pydantic's ``use_attribute_docstrings`` read. It
    is read here, with :mod:`ast`, only when a schema, the reference or a scaffold is
    written: pydantic's own reading parses the source at import, which every build would
    pay for (about 0.1 s)."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if "__pydantic_fields__" in vars(cls):  # -- a model class, not BaseModel or object
            docs.update(_declared_docs(cls.__module__).get(cls.__qualname__, {}))
    return {field: docs[field] for field in model.model_fields if field in docs}


@functools.cache
def _declared_docs(module: str) -> dict[str, dict[str, str]]:
    """Per class of ``module``, its fields' docstrings."""
    tree = ast.parse(inspect.getsource(sys.modules[module]))
    found: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            found[node.name] = {
                field.target.id: " ".join(doc.value.value.split())
                for field, doc in itertools.pairwise(node.body)
                if isinstance(field, ast.AnnAssign)
                and isinstance(field.target, ast.Name)
                and isinstance(doc, ast.Expr)
                and isinstance(doc.value, ast.Constant)
                and isinstance(doc.value.value, str)
            }
    return found


def _describe_fields(schema: dict[str, Any]) -> None:
    # -- each property takes its field's docstring, its keys in pydantic's (sorted) order --
    from briefing.content import model as content

    for name, node in [("Briefing", schema), *schema.get("$defs", {}).items()]:
        docs = field_docs(getattr(content, name))
        properties = node.get("properties", {})
        for field, prop in properties.items():
            if field in docs:
                properties[field] = dict(sorted({**prop, "description": docs[field]}.items()))


def _text_as_written(node: object) -> None:
    """Text fields take a number or yes/no word as the characters written, as the
    loader does: an editor must not mark `- 2025` in a table row as wrong."""
    if isinstance(node, dict):
        if node.get("type") == "string" and "format" not in node:
            node["type"] = ["string", "number", "boolean"]
        for value in node.values():
            _text_as_written(value)
    elif isinstance(node, list):
        for value in node:
            _text_as_written(value)


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

## Text, comments and Markdown: what you type is what arrives

**Text is text.** Where a field takes text (titles, headlines, points,
takeaways, table cells, captions, every source field), the value is exactly the
characters you wrote: `2025`, `3.50`, `Yes`, `NO`, `12:30`, `010`, `~` and
`2026-02-01` stay those characters, quoted or not. A point or a cell written as
`Slots: Q3 2027 or Q2 2028` is that line of text, colon and all (an editor using
the schema marks it as a mapping: quote it to keep the editor quiet). Date fields
(`date`, `sources[].date`) take `2026-02-01` and `"2026-02-01"` alike; a source
may give just `2026-02` or `2026`.

**The `#` rule.** YAML starts a comment at a `#` after a space. A comment after
a value is `#` followed by a space: `title: Muse Spark  # the cover title`
works as a note. A `#` followed by anything else (`Ranked #1`, `#hashtag`)
would cut your text there, so the build stops at that line and shows the line
to write instead, in quotes: `- "Ranked #1 in Central Europe"`. A `#` with no
space before it (`C#`) is text, and so is every `#` inside quotes or a `|` block.

**Lines YAML cannot read.** Text that starts with `*` (so `**bold**` too), `@`,
a backtick, `%`, `|`, `>`, `[`, `{`, `!` or `&`, or carries a second `: `
(`headline: Q3: up`), must be quoted. `briefing check` names every such line
in one run, each with the line quoted as it should be:

```yaml
points:
  - "**Capex**: €62m over three years"
```

Or let `briefing fmt FILE` quote them all in place, comments and layout kept
(see [Writing YAML](writing-yaml.md)); every error it can mend says so.

**Tables.** Each row has as many cells as there are columns; a row with fewer or
more is an error at that row. Quote a cell that contains a comma (`briefing fmt`
does, and reads `£11,797.1m` as one cell).

**Markdown.** Inline fields (marked *inline Markdown*, and every other one-line
field) take emphasis, links, `code` and citations on one line, and nothing else:
what would start a block in Markdown (`#1`, `1.`, `2)`, `- `, `+ `, `* `, `> `)
is your text, printed as typed in every output (`"- 5%"` stays `- 5%`). Prose
fields (`summary`, `body`, `notes`, `view`, `table.notes`) take paragraphs and also:

- sub-headings from `###` down (`#` and `##` are the chapter's own level, and
  are refused with their line, as is a line underlined with `---` or `===`);
- lists, numbered or not, nested by indenting 2 to 4 spaces;
- block quotes (`> `);
- pipe tables, with `:---`, `:---:` and `---:` for left, centred and right columns;
  a row with more or fewer cells than its header is an error at that row;
- footnotes, `[^1]` in the text and `[^1]: The note.` on a line of its own: one
  numbering runs through the whole document, in the order of the source; the notes
  are set at the end of their field in the page and the PDF, and as `[1] The note.`
  in the speaker notes (a slide shows the mark, its notes carry the note).

**Angle brackets are text.** `<Enter>`, `<your name>`, `a<b and c>d`, `<title>`
and `the <script> element` print as typed in every output: raw HTML in Markdown is
shown as the characters you typed, never run and never removed. An HTML comment
(`<!-- ... -->`) is refused at its line (content has no hidden text), and so is a
field that would print nothing (`[](https://example.com)`). An image
(`![alt](file.png)`) is refused with its line: content embeds no file. The full
rules, and how `verify` proves them: docs/characters.md.

**`check` means `build` will pass.** `briefing check` reads the content, renders
both templates and fits the deck's slides without writing anything, so a headline
too long for any slide title is reported by `check` at its line, as by `build`.
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
    if _is_text(shape):
        return "text"
    return str(kind)


def _is_text(shape: dict[str, Any]) -> bool:
    kind = shape.get("type")
    return kind == "string" or (isinstance(kind, list) and "string" in kind)


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
    text = shape if _is_text(shape) else inner
    if "maxLength" in text:
        each = "" if text is shape else "each "
        limits.append(f"{each}at most {text['maxLength']:,} characters")
    if "pattern" in text:
        limits.append(f"matches `{text['pattern']}`")
    return "; ".join(limits)
