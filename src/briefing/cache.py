"""Know when an output is already up to date, by a content hash of everything it is made from.

``inputs -> key``. The key covers the source's bytes, every file of the
template folders (templates, styles, theme, a deck template), the versions of
the tool and of the engines and fonts, and SOURCE_DATE_EPOCH. An output whose
recorded key matches, and whose bytes are still the ones written, is not built
again. The record is a small JSON file in the output folder; losing it costs
one rebuild, never a wrong file.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from briefing import __version__
from briefing.output import write_atomic

MANIFEST = ".briefing-cache.json"
_ENGINES = (
    "weasyprint",
    "python-pptx",
    "jinja2",
    "markdown",
    "nh3",
    "pydantic",
    "font-source-sans-pro",
    "font-source-serif-pro",
    "pillow",
    "pikepdf",
    "fonttools",
    "brotli",
)


@dataclass(frozen=True)
class Record:
    key: str  # what the output was made from
    sha256: str  # what was written
    count: int = 0  # pages or slides, for the progress line


def input_keys(
    source: bytes,
    *,
    folders: Iterable[Path],
    extra_files: Iterable[Path] = (),
    formats: Iterable[str],
) -> dict[str, str]:
    """For each output format, the hash of everything it is made from (files read once)."""
    digest = hashlib.sha256()
    for part in (__version__, os.environ.get("SOURCE_DATE_EPOCH", ""), *_versions()):
        digest.update(part.encode() + b"\0")
    digest.update(hashlib.sha256(source).digest())
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(folder)).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for path in extra_files:
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    keys = {}
    for fmt in formats:
        keyed = digest.copy()
        keyed.update(fmt.encode())
        keys[fmt] = keyed.hexdigest()
    return keys


@functools.cache
def _versions() -> tuple[str, ...]:
    found = []
    for name in _ENGINES:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=?")
    return tuple(found)


class Manifest:
    """The records of one output folder."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / MANIFEST
        self.records: dict[str, Record] = {}
        self.verified: dict[str, str] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.records = {k: Record(**v) for k, v in data.get("outputs", {}).items()}
            self.verified = dict(data.get("verified", {}))
        except (OSError, ValueError, TypeError):
            pass  # no record, or a damaged one: everything is simply built again

    def fresh(self, target: Path, key: str) -> Record | None:
        """The record of ``target`` if it was made from ``key`` and is unchanged since."""
        record = self.records.get(target.name)
        if record is None or record.key != key:
            return None
        try:
            if _sha256(target.read_bytes()) != record.sha256:
                return None
        except OSError:
            return None
        return record

    def record(self, target: Path, *, key: str, data: bytes, count: int) -> None:
        self.records[target.name] = Record(key, _sha256(data), count)

    def is_verified(self, name: str, files: Mapping[str, Path]) -> bool:
        return self.verified.get(name) == _outputs_hash(files)

    def mark_verified(self, name: str, files: Mapping[str, Path]) -> None:
        self.verified[name] = _outputs_hash(files)

    def save(self) -> None:
        data = {
            "outputs": {k: vars(v) for k, v in sorted(self.records.items())},
            "verified": dict(sorted(self.verified.items())),
        }
        write_atomic(self.path, (json.dumps(data, indent=1) + "\n").encode("utf-8"))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _outputs_hash(files: Mapping[str, Path]) -> str:
    digest = hashlib.sha256()
    for fmt in sorted(files):
        try:
            digest.update(fmt.encode() + hashlib.sha256(files[fmt].read_bytes()).digest())
        except OSError:
            return ""
    return digest.hexdigest()
