"""The command line explains itself: top-level help, every command's help, the version."""

from __future__ import annotations

import argparse
import tomllib

import pytest

from briefing import __version__
from briefing.cli import _parser, main
from support import ROOT

COMMANDS = ["build", "check", "verify", "watch", "new", "schema"]


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as exit_:
        main([*argv, "--help"])
    assert exit_.value.code == 0
    return capsys.readouterr().out


def test_top_level_help_lists_every_command_with_a_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = _help(capsys)
    for command in COMMANDS:
        assert f"  {command} " in text, command
    assert "Exit status" in text
    assert "--version" in text


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_help_describes_every_option(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _help(capsys, command)
    assert text.startswith(f"usage: briefing {command}")
    assert "example" in text  # -- every command shows how it is used
    if command in {"build", "check", "verify", "watch"}:
        assert "SOURCE" in text
    sub = _subparser(command)
    for action in sub._actions:
        for flag in action.option_strings:
            assert flag in text, f"{command} --help does not show {flag}"
        if action.option_strings != ["-h", "--help"]:
            assert action.help, f"{command}: {action.dest} has no help text"


def test_version_is_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert capsys.readouterr().out.strip() == f"briefing {project['version']}"
    assert __version__ == project["version"]


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([])
    assert exit_.value.code == 2
    assert "COMMAND" in capsys.readouterr().err


def _subparser(command: str) -> argparse.ArgumentParser:
    parser = _parser()
    for action in parser._actions:
        choices = getattr(action, "choices", None)
        if isinstance(choices, dict) and command in choices:
            found: argparse.ArgumentParser = choices[command]
            return found
    raise AssertionError(f"no subcommand {command}")
