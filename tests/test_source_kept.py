"""A file read again in the same process (the theme and labels at every build, any file
at every save in ``watch``) is not parsed again, yet each reader gets its own data, and
changed bytes are read anew."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.content import source
from briefing.errors import BriefingError


def test_each_reading_gets_data_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("title: First\nsections:\n  - id: one\n", encoding="utf-8")
    first = source.load(path)
    first.data["sections"][0]["id"] = "changed by a caller"
    first.data["title"] = "changed"
    again = source.load(path)
    assert again.data == {"title": "First", "sections": [{"id": "one"}]}
    assert again.values[("title",)] == first.values[("title",)]


def test_changed_bytes_are_read_anew(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("title: First\n", encoding="utf-8")
    assert source.load(path).data["title"] == "First"
    path.write_text("title: Second\n", encoding="utf-8")
    assert source.load(path).data["title"] == "Second"


def test_a_file_that_failed_fails_again_with_the_same_words(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("title: [unclosed\n", encoding="utf-8")
    said = []
    for _ in range(2):
        with pytest.raises(BriefingError) as err:
            source.load(path)
        said.append(str(err.value))
    assert said[0] == said[1] and "a.yaml:" in said[0]
