"""The PDF's URL fetcher reads regular files inside the allowed folders and nothing else."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.pdf.fetch import Refused, confined_fetcher, read_allowed


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "style.css").write_text("p { color: red }")
    (tmp_path / "secret.txt").write_text("secret")
    return folder


def test_a_file_inside_the_root_is_read(root: Path) -> None:
    assert read_allowed((root / "style.css").as_uri(), [root]) == b"p { color: red }"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.css",
        "https://example.com/x.css",
        "ftp://example.com/x",
        "data:text/plain,secret",
        "file://otherhost/etc/passwd",
        "file:///etc/passwd",
        "file:relative.css",
        "javascript:alert(1)",
    ],
)
def test_other_urls_are_refused(root: Path, url: str) -> None:
    with pytest.raises(Refused):
        read_allowed(url, [root])


def test_a_path_climbing_out_of_the_root_is_refused(root: Path) -> None:
    with pytest.raises(Refused, match="outside"):
        read_allowed(f"file://{root}/../secret.txt", [root])


def test_a_symlink_inside_the_root_pointing_out_is_refused(root: Path) -> None:
    (root / "link.css").symlink_to(root.parent / "secret.txt")
    with pytest.raises(Refused, match="outside"):
        read_allowed((root / "link.css").as_uri(), [root])


def test_a_root_reached_through_a_symlink_still_works(root: Path, tmp_path: Path) -> None:
    alias = tmp_path / "alias"
    alias.symlink_to(root)
    assert read_allowed((alias / "style.css").as_uri(), [alias]) == b"p { color: red }"


def test_a_folder_or_a_fifo_is_refused(root: Path) -> None:
    (root / "sub").mkdir()
    with pytest.raises(Refused, match="not a regular file"):
        read_allowed((root / "sub").as_uri(), [root])
    os.mkfifo(root / "pipe")
    with pytest.raises(Refused, match="not a regular file"):
        read_allowed((root / "pipe").as_uri(), [root])


def test_the_weasyprint_fetcher_records_what_it_refused(root: Path) -> None:
    fetcher = confined_fetcher([root])
    assert fetcher((root / "style.css").as_uri()).read() == b"p { color: red }"
    with pytest.raises(Refused):
        fetcher("file:///etc/passwd")
    assert fetcher.refused == ["file:///etc/passwd"]
