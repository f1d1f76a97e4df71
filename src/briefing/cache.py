"""Know when an output is already up to date, by a content hash of everything it is made from.

``inputs -> key``. The key covers every file the build read, as it recorded them
while reading (:mod:`briefing.inputs`: the source, its pictures, the theme, its
logo, the labels, the deck template, the deck's metric fonts), every file of the
template folders (so a template added to an overriding folder counts), the
versions of the tool and of every distribution it runs on (read from the
package metadata: the project's requirements and theirs), and
SOURCE_DATE_EPOCH. Nothing is guessed from the source's text.

Each output's record lists the files its key was made of. The next build hashes
those again first: if the key is the same (the same inputs read the same way
name the same inputs), and the output's bytes are still the ones written, it is
not built again, and the source is not even read. Otherwise the build prepares,
records what it read, and keys on that. The record is a small JSON file in the
output folder; losing it costs one rebuild, never a wrong file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import functools
import hashlib
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from briefing import __version__
from briefing.output import write_atomic

MANIFEST = ".briefing-cache.json"
# -- the distribution whose requirements are the engines: every one of them, and what they
#    run on, can change the bytes of an output (cairosvg draws SVG for the deck, babel
#    writes the dates) --
_DISTRIBUTION = "briefing"
# -- the largest file hashed as an input (fonts are the largest inputs, a few MB) --
_MAX_INPUT = 64_000_000
# -- a requirement's name: what comes before a version, an extra or a marker --
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
MAX_RECORD = 4_000_000  # bytes: a record of thousands of outputs is a few hundred KB
MAX_OUTPUT = 2_000_000_000  # bytes: an output compared with its record is read at most this


@dataclass(frozen=True)
class Record:
    key: str  # what the output was made from
    sha256: str  # what was written
    count: int = 0  # pages or slides, for the progress line
    # -- the files the key was made of, as the build recorded them: a build with nothing
    #    changed hashes these again and stops, without reading the source --
    inputs: tuple[str, ...] = ()


def input_keys(
    inputs: Iterable[Path],
    *,
    folders: Iterable[Path],
    formats: Iterable[str],
    exclude: Iterable[Path] = (),
    digests: Mapping[Path, bytes] | None = None,
    versions: Iterable[str] | None = None,
) -> dict[str, str]:
    """For each output format, the hash of everything it is made from: the recorded
    ``inputs`` and the files of the template ``folders``.

    A file in ``digests`` (resolved path -> SHA-256, from its loader) is not read again.
    Files under ``exclude`` (the output folder, when it is inside a template folder) and
    hidden files are not inputs: otherwise a build would change its own key.
    """
    skip = [p.resolve() for p in exclude]
    known = digests or {}
    digest = hashlib.sha256()
    engines_ = _versions() if versions is None else tuple(versions)
    for part in (__version__, os.environ.get("SOURCE_DATE_EPOCH", ""), *engines_):
        digest.update(part.encode() + b"\0")
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            relative = path.relative_to(folder)
            if "__pycache__" in path.parts or any(part.startswith(".") for part in relative.parts):
                continue
            if any(path.resolve().is_relative_to(s) for s in skip):
                continue
            digest.update(str(relative).encode() + b"\0")
            digest.update(known.get(path.resolve()) or _file_hash(path))
    for path in sorted(set(inputs)):
        digest.update(str(path).encode() + b"\0" + (known.get(path.resolve()) or _file_hash(path)))
    keys = {}
    for fmt in formats:
        keyed = digest.copy()
        keyed.update(fmt.encode())
        keys[fmt] = keyed.hexdigest()
    return keys


def _file_hash(path: Path) -> bytes:
    # -- an input that cannot be read has a key of its own; the build then says why. Only
    #    a regular file of bounded size is read (a listed FIFO or device would never end) --
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_INPUT:
            return b"unreadable"
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return b"unreadable"


def versions(manifest: Manifest) -> tuple[str, ...]:
    """The engines' versions, as :func:`input_keys` takes them: from the build record when
    the installed distributions are those they were read under (reading the package
    metadata costs more than the rest of a build with nothing to do), else read again and
    kept in the record."""
    installed = _installed()
    if manifest.engines[0] == installed and manifest.engines[1]:
        return manifest.engines[1]
    found = _versions()
    manifest.engines = (installed, found)
    manifest.refreshed = True
    return found


def _installed() -> str:
    """A fingerprint of the installed distributions: pip names each one's metadata folder
    NAME-VERSION.dist-info, so any install, upgrade or removal changes it."""
    digest = hashlib.sha256()
    for entry in sorted({p for p in sys.path if p.endswith(("site-packages", "dist-packages"))}):
        with contextlib.suppress(OSError):
            digest.update(entry.encode() + b"\0" + "\0".join(sorted(os.listdir(entry))).encode())
    return digest.hexdigest()


@functools.cache
def _versions() -> tuple[str, ...]:
    """``name=version`` of every distribution the tool runs on, from the package metadata."""
    return tuple(f"{name}={_version(name)}" for name in sorted(engines()))


@functools.cache
def engines() -> frozenset[str]:
    """The distributions an output's bytes depend on: the tool's requirements (not its
    extras: test and bench tools make no output) and, in turn, theirs."""
    found: set[str] = set()
    todo = list(_requirements(_DISTRIBUTION))
    while todo:
        name = todo.pop()
        if name not in found:
            found.add(name)
            todo += _requirements(name)
    return frozenset(found)


def _requirements(distribution: str) -> list[str]:
    # -- the metadata machinery loads only when the versions are read, not for a no-op --
    from importlib import metadata  # noqa: PLC0415

    try:
        listed = metadata.requires(distribution) or []
    except metadata.PackageNotFoundError:
        return []
    # -- a requirement under a marker (an extra, another platform) is left out --
    names = [_NAME.match(r) for r in listed if ";" not in r]
    return [m.group(1).lower().replace("_", "-") for m in names if m]


def _version(name: str) -> str:
    from importlib import metadata  # noqa: PLC0415

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


class Manifest:
    """The records of one output folder. Advisory: a record that cannot be read, or is not
    of the shape written here, means "build everything", with a note saying why."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / MANIFEST
        self.records: dict[str, Record] = {}
        self.verified: dict[str, str] = {}
        # -- the engines' versions as the last build found them, with the fingerprint of
        #    the installed distributions they were read under (see versions()) --
        self.engines: tuple[str, tuple[str, ...]] = ("", ())
        # -- the engines' versions were read again: a build with nothing to do saves them,
        #    so the next one does not read them again --
        self.refreshed = False
        self.note = ""  # why the record was ignored, when it was
        try:
            raw = read_regular(self.path, MAX_RECORD)
        except FileNotFoundError:
            return
        except OSError as err:
            self.note = f"{self.path}: cannot read the build record ({err.strerror}); "
            self.note += "building everything"
            return
        try:
            self.records, self.verified, self.engines = _parse(raw)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError, MemoryError):
            # -- RecursionError: "[[[[..." nested past the parser's stack; advisory all the same --
            self.records, self.verified, self.engines = {}, {}, ("", ())
            self.note = f"{self.path}: the build record is damaged; building everything"

    def inputs_of(self, target: Path) -> tuple[Path, ...]:
        """The files the recorded key of ``target`` was made of (none without a record)."""
        record = self.records.get(target.name)
        return tuple(Path(p) for p in record.inputs) if record is not None else ()

    def fresh(self, target: Path, key: str) -> Record | None:
        """The record of ``target`` if it was made from ``key`` and is unchanged since."""
        record = self.records.get(target.name)
        if record is None or record.key != key:
            return None
        try:
            if _sha256(read_regular(target, MAX_OUTPUT)) != record.sha256:
                return None
        except OSError:
            return None
        return record

    def record(
        self, target: Path, *, key: str, data: bytes, count: int, inputs: Iterable[Path] = ()
    ) -> None:
        self.records[target.name] = Record(key, _sha256(data), count, tuple(map(str, inputs)))

    def record_inputs(self, target: Path, inputs: Iterable[Path]) -> bool:
        """Add the input list to a record made before records listed them; True if added."""
        record = self.records.get(target.name)
        if record is None or record.inputs:
            return False
        self.records[target.name] = dataclasses.replace(record, inputs=tuple(map(str, inputs)))
        return True

    def is_verified(self, name: str, files: Mapping[str, Path]) -> bool:
        return self.verified.get(name) == _outputs_hash(files)

    def mark_verified(self, name: str, files: Mapping[str, Path]) -> None:
        self.verified[name] = _outputs_hash(files)

    def save(self) -> None:
        data = {
            "outputs": {k: vars(v) for k, v in sorted(self.records.items())},
            "verified": dict(sorted(self.verified.items())),
            "engines": {"installed": self.engines[0], "versions": list(self.engines[1])},
        }
        # -- a record that cannot be saved costs a rebuild next time, nothing more --
        with contextlib.suppress(OSError):
            write_atomic(self.path, (json.dumps(data, indent=1) + "\n").encode("utf-8"))


def _parse(
    raw: bytes,
) -> tuple[dict[str, Record], dict[str, str], tuple[str, tuple[str, ...]]]:
    """The records and proofs in a build record, or an error if it is of another shape."""
    data = json.loads(raw.decode("utf-8"))
    if not isinstance(data, dict):
        raise TypeError("not an object")
    outputs, verified = data.get("outputs", {}), data.get("verified", {})
    if not isinstance(outputs, dict) or not isinstance(verified, dict):
        raise TypeError("wrong shape")
    records = {}
    for name, entry in outputs.items():
        if not isinstance(entry, dict):
            raise TypeError("wrong shape")
        key, sha, count = entry["key"], entry["sha256"], entry.get("count", 0)
        if not (isinstance(key, str) and isinstance(sha, str) and type(count) is int):
            raise TypeError("wrong shape")
        inputs = entry.get("inputs", [])
        if not (isinstance(inputs, list) and all(isinstance(i, str) for i in inputs)):
            raise TypeError("wrong shape")
        records[str(name)] = Record(key, sha, count, tuple(inputs))
    if not all(isinstance(v, str) for v in verified.values()):
        raise TypeError("wrong shape")
    engines = data.get("engines", {})
    installed = engines.get("installed", "") if isinstance(engines, dict) else ""
    versions = engines.get("versions", []) if isinstance(engines, dict) else []
    if not (isinstance(installed, str) and isinstance(versions, list)):
        installed, versions = "", []
    kept = tuple(v for v in versions if isinstance(v, str))
    return records, dict(verified), (installed, kept)


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes; else
    :class:`OSError`. Opened without blocking and checked on the open file, so a FIFO or a
    device put in the output folder never hangs a build, and a huge file is never read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if info.st_size > limit:
            raise OSError(errno.EFBIG, f"{info.st_size:,} bytes, more than a record can be")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise OSError(errno.EFBIG, "it grew while being read")
        return data
    finally:
        os.close(fd)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _outputs_hash(files: Mapping[str, Path]) -> str:
    digest = hashlib.sha256()
    for fmt in sorted(files):
        try:
            data = read_regular(files[fmt], MAX_OUTPUT)
            digest.update(fmt.encode() + hashlib.sha256(data).digest())
        except OSError:
            return ""
    return digest.hexdigest()


def user_cache(name: str) -> Path:
    """The folder ``name`` of briefing's user cache (compiled templates, web-font subsets,
    drawn charts): under ``BRIEFING_CACHE_DIR``, else ``$XDG_CACHE_HOME/briefing``
    (``~/.cache/briefing``; the temporary folder when there is no home folder)."""
    if "BRIEFING_CACHE_DIR" in os.environ:
        return Path(os.environ["BRIEFING_CACHE_DIR"]) / name
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # -- no home folder (a bare CI user) --
            import tempfile  # noqa: PLC0415

            base = tempfile.gettempdir()
    return Path(base) / "briefing" / name


# -- how many files a folder of the user cache keeps; past it, those used longest ago go.
#    Its files are named by what they are made of (a template's name and text, a chart's
#    data, the characters of a font subset), so every edit and new character adds one, and
#    nothing else ever removes them. At this count the largest folder, compiled
#    templates, stays under 40 MB --
USER_CACHE_FILES = 500


def read_from_user_cache(path: Path) -> bytes | None:
    """The bytes of ``path``, a file of a user-cache folder, or None when it cannot be read.
    The file is given the time of now: the trim keeps the files used last, so one read at
    every build (a built-in template's code) is never the one a run of new files pushes out."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)
    return data


def store_in_user_cache(path: Path, data: bytes) -> None:
    """Write ``data`` as ``path``, a file of a user-cache folder, then trim the folder. A
    cache that cannot be written costs a rebuild of the file next time, nothing else."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except OSError:
        return
    trim_user_cache(path.parent)


def trim_user_cache(folder: Path, keep: int | None = None) -> None:
    """Remove all but the ``keep`` (:data:`USER_CACHE_FILES`) files of ``folder`` written or
    read last (:func:`read_from_user_cache`). A file another build removes first, or one
    that cannot be removed, is passed over."""
    keep = USER_CACHE_FILES if keep is None else keep
    for path in _written_last_first(folder, folders=False)[keep:]:
        with contextlib.suppress(OSError):
            os.unlink(path)


def forget_other_versions(current: Path, keep: int) -> None:
    """Remove the user-cache folders named as ``current`` is up to its last ``-`` (other
    versions of what made them: an upgrade, an edit of the renderer), all but the ``keep``
    written last, so that two versions used in turn still find their own."""
    import shutil  # noqa: PLC0415 -- only when a new version's folder is made

    prefix = current.name.rsplit("-", 1)[0] + "-"
    others = [
        path
        for path in _written_last_first(current.parent, folders=True)
        if Path(path).name.startswith(prefix) and path != str(current)
    ]
    for path in others[keep:]:
        shutil.rmtree(path, ignore_errors=True)


def _written_last_first(folder: Path, *, folders: bool) -> list[str]:
    """The files (or the folders) in ``folder``, those written (or read) last first; links are
    never followed; none when it cannot be read."""
    try:
        with os.scandir(folder) as entries:
            found = [
                (entry.stat(follow_symlinks=False).st_mtime_ns, entry.path)
                for entry in entries
                if (entry.is_dir if folders else entry.is_file)(follow_symlinks=False)
            ]
    except OSError:
        return []
    return [path for _, path in sorted(found, reverse=True)]
