"""What YAML would cut or cannot read stops the build at its line, with the line to write.

Each case departs from the valid minimal source; the build exits 1 with
FILE:LINE:COL, no traceback, and the previous outputs untouched.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import BriefingError
from support import ROOT, VALID, previous_outputs, run_cli, snapshot

BASE = VALID.read_text(encoding="utf-8")


def _refused(text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    source = tmp_path / "paper.yaml"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    before = previous_outputs(out, "paper")
    run = run_cli(["build", str(source), "-o", str(out)], capsys)
    assert run.status == 1
    assert "Traceback" not in run.err
    assert snapshot(out) == before
    check = run_cli(["check", str(source)], capsys)
    assert check.status == 1 and check.err == run.err  # -- check says what build says --
    return run.err.replace(str(source), "paper.yaml").splitlines()


def test_a_hash_that_would_cut_text_stops_the_build_with_the_line_to_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = BASE.replace("  - One takeaway.", "  - Ranked #1 in Central Europe")
    err = _refused(text, tmp_path, capsys)
    assert (
        err[0] == "paper.yaml:8:12: `#1` would start a YAML comment and cut this text to `Ranked`"
    )
    assert err[1].startswith(
        '    hint: quote the text to keep the #: - "Ranked #1 in Central Europe"'
    )


def test_a_hash_that_leaves_a_field_empty_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = BASE.replace("author: Strategy", "author: #hashtag team")
    err = _refused(text, tmp_path, capsys)
    assert (
        err[0] == "paper.yaml:4:9: `#hashtag` would start a YAML comment and leave this value empty"
    )
    assert 'author: "#hashtag team"' in err[1]


def test_a_hash_after_a_block_sign_that_leaves_the_value_empty_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # -- `> #1` opens a folded block with a comment and no lines under it: YAML reads nothing --
    source = BASE.replace("author: Strategy", "author: |- #team")
    source = source.replace("  - One takeaway.", "  - > #1 in Europe")
    author, author_hint, takeaway, takeaway_hint = _refused(source, tmp_path, capsys)[:4]
    assert (
        author == "paper.yaml:4:12: `#team` would start a YAML comment and leave this value empty"
    )
    assert 'author: "|- #team"' in author_hint
    assert takeaway == "paper.yaml:8:7: `#1` would start a YAML comment and leave this value empty"
    assert '- "> #1 in Europe"' in takeaway_hint


def test_every_line_yaml_cannot_read_is_named_in_one_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = BASE.replace(
        "      - A point.",
        "      - **Capex**: €62m\n      - @board asks\n      - [x] done\n      - > 50% of it\n"
        "      - `code` first\n      - % of revenue",
    ).replace("headline: A headline.", "headline: Q3: revenue up")
    err = _refused(text, tmp_path, capsys)
    located = [line.split(": ", 1)[0] for line in err if line.startswith("paper.yaml:")]
    assert located == [
        "paper.yaml:12:15",
        "paper.yaml:16:9",
        "paper.yaml:17:9",
        "paper.yaml:18:9",
        "paper.yaml:19:9",
        "paper.yaml:20:9",
        "paper.yaml:21:9",
    ]
    hints = [line.split("; or run", 1)[0] for line in err if line.startswith("    hint: ")]
    assert '    hint: quote the text: headline: "Q3: revenue up"' in hints
    assert '    hint: quote the text: - "**Capex**: €62m"' in hints
    assert '    hint: quote the text: - "[x] done"' in hints
    assert '    hint: quote the text: - "% of revenue"' in hints
    # -- each says that `briefing fmt` mends it, with the other lines of the file --
    assert all(
        h.endswith("run `briefing fmt paper.yaml`: it quotes these 7 lines") for h in err[1::2]
    )


def test_a_cut_line_before_a_line_yaml_cannot_read_is_named_in_the_same_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # -- one round trip for both: the `#` that would cut a takeaway, and the bold-led
    #    point YAML cannot read further down --
    text = BASE.replace("  - One takeaway.", "  - Ranked #1 in Central Europe").replace(
        "      - A point.", "      - **Capex**: €62m"
    )
    err = _refused(text, tmp_path, capsys)
    located = [line.split(": ", 1)[0] for line in err if line.startswith("paper.yaml:")]
    assert located == ["paper.yaml:8:12", "paper.yaml:16:9"]
    assert "`#1` would start a YAML comment" in err[0]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("[2026, €70m]", "has 2 cells; the table has 3 columns"),
        ("[2026, €70m, 9%, extra]", "has 4 cells; the table has 3 columns"),
    ],
)
def test_a_ragged_table_row_is_an_error_at_that_row(
    row: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = (
        "    table:\n      columns: [Year, Revenue, Margin]\n      rows:\n"
        f"        - [2025, €62m, 12%]\n        - {row}\n"
    )
    text = BASE.replace("      - A point.\n", "      - A point.\n" + table)
    err = _refused(text, tmp_path, capsys)
    assert err[0] == f"paper.yaml:21:11: sections[0].table.rows[1]: {message}"


@pytest.mark.parametrize(
    ("markdown", "where", "message"),
    [
        ("![chart](x.png)", "16:7", "a Markdown image cannot be shown here"),
        ("See ![p](file:///etc/passwd)", "16:11", "a Markdown image cannot be shown here"),
        ("## Outlook", "16:7", "a level-2 heading (##) is the level of the chapter itself"),
        ("# Outlook", "16:7", "a level-1 heading (#) is the level of the chapter itself"),
        (
            "Outlook\n      -------",
            "17:7",
            "this underline makes the line above a level-2 heading, the level of the chapter "
            "itself",
        ),
    ],
)
def test_markdown_the_outputs_cannot_show_is_an_error_at_its_line(
    markdown: str, where: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = BASE.replace("      Body text [@src].", f"      Body text [@src].\n\n      {markdown}")
    err = _refused(text, tmp_path, capsys)
    assert err[0] == f"paper.yaml:{where}: sections[0].body: {message}"
    assert err[1].startswith("    hint: ")


def test_a_table_row_yaml_cannot_read_gets_its_cells_quoted_not_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = (
        "    table:\n      columns: [Vendor, Rank, Units]\n      rows:\n"
        "        - [Kestrel, Ranked #1 in CE, 42]\n        - [Osprey, **new**, 7]\n"
        "        - [Margin, (2.0)%, - 5%]\n"
    )
    text = BASE.replace("      - A point.\n", "      - A point.\n" + table)
    err = _refused(text, tmp_path, capsys)
    # -- each message names the cell that is wrong, at its column, and why --
    assert err[0] == (
        "paper.yaml:20:21: YAML cannot read this line: the cell `Ranked #1 in CE` holds ` #`, "
        "which starts a YAML comment"
    )
    assert err[1].startswith('    hint: quote those cells: - [Kestrel, "Ranked #1 in CE", 42]; ')
    assert err[2].startswith("paper.yaml:21:20: YAML cannot read this line: the cell `**new**`")
    assert err[3].startswith('    hint: quote those cells: - [Osprey, "**new**", 7]; ')
    assert err[4] == (
        "paper.yaml:22:28: YAML cannot read this line: the cell `- 5%` starts with `- `, "
        "which inside a `[...]` list YAML reads as a list item"
    )
    assert err[5].startswith('    hint: quote those cells: - [Margin, (2.0)%, "- 5%"]; ')


def test_a_text_that_is_all_a_comment_is_named_with_its_quoted_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # -- `# ` opens a YAML comment: the headline is left empty; the hint quotes it --
    text = BASE.replace("headline: A headline.", "headline: # 1 in UK packaging")
    err = _refused(text, tmp_path, capsys)
    where = next(i for i, e in enumerate(err) if "sections[0].headline" in e)
    assert err[where].endswith("sections[0].headline: this field is empty")
    assert err[where + 1] == (
        "    hint: `# 1 in UK packaging` after the `headline:` is a YAML comment, so this value "
        'is empty; if it is the text, quote it: headline: "# 1 in UK packaging"'
    )


def test_an_optional_field_that_is_all_a_comment_is_named_not_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # -- an optional field may be empty, so YAML's reading would drop the text unseen --
    text = BASE.replace(
        "    points:\n      - A point.\n",
        "    points:\n      - A point.\n"
        "    table:\n      caption: # 1 in UK <by revenue>\n"
        '      columns: [Measure, FY23]\n      rows:\n        - [Revenue, "12"]\n',
    ).replace("    title: The article\n", "    title: The article\n    publisher: # FT\n")
    err = _refused(text, tmp_path, capsys)
    lines = text.splitlines()
    for field, written in (
        ("sections[0].table.caption", "caption: # 1 in UK <by revenue>"),
        ("sources[0].publisher", "publisher: # FT"),
    ):
        line = next(n for n, t in enumerate(lines, 1) if t.strip() == written)
        where = next(i for i, e in enumerate(err) if f"{field}: this field is empty" in e)
        assert err[where].startswith(f"paper.yaml:{line}:")
        key, note = written.split(": ", 1)
        assert err[where + 1].endswith(f'if it is the text, quote it: {key}: "{note}"')


def test_a_theme_field_that_is_all_a_comment_is_named_too(tmp_path: Path) -> None:
    # -- one rule for every file read with positions: the theme is read by the same check --
    from briefing.look.theme import load_theme

    theme = tmp_path / "theme.yaml"
    text = (ROOT / "templates" / "theme.yaml").read_text(encoding="utf-8")
    theme.write_text(text + "\nlogo: # our logo, once marketing sends it\n", encoding="utf-8")
    line = len(theme.read_text(encoding="utf-8").splitlines())
    with pytest.raises(BriefingError) as caught:
        load_theme(theme)
    said = str(caught.value)
    assert f"theme.yaml:{line}:" in said and "logo: this field is empty" in said
    assert 'quote it: logo: "# our logo, once marketing sends it"' in said
