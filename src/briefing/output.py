"""Write a set of outputs all or nothing: temporaries beside them, renamed when all are whole.

``{path: bytes} -> files``. Every output is first written to a temporary file
``.NAME.PID.RANDOM.tmp`` in its own folder (so the move is a rename on one file
system, never a copy) and synced. Only when every one is on disk are they
renamed into place; if a write or a rename fails, the renamed ones are put back
from hard links kept of the previous files, the temporaries are removed, and
every previous output is as it was. A build killed outright (SIGKILL, power
loss) can leave temporaries behind; the next write of the same target removes
those whose process is gone, and never one of a build still running.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from briefing.errors import BriefingError, Fault, Problem


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_all({path: data})


def write_all(files: Mapping[Path, bytes]) -> None:
    """Replace every file of ``files`` with its bytes, or none of them (``OSError`` says why)."""
    temps: dict[Path, str] = {}
    backups: dict[Path, str] = {}
    renamed: list[Path] = []
    try:
        for target, data in files.items():
            remove_stale_temporaries(target)
            temps[target] = _write_temporary(target, data)
        for target in files:
            # -- a second name for the previous file, to put it back if a later rename fails --
            backup = _link_previous(target)
            if backup is not None:
                backups[target] = backup
        for target, temp in temps.items():
            os.replace(temp, target)
            renamed.append(target)
    except BaseException:
        for target in renamed:
            _put_back(target, backups.get(target))
        for temp in temps.values():
            _remove(temp)
        raise
    finally:
        for backup in backups.values():
            _remove(backup)
    for folder in sorted({target.parent for target in files}):
        _sync_folder(folder)


def check_folder(folder: Path, names: Iterable[str]) -> None:
    """Raise :class:`BriefingError` unless outputs ``names`` can be written into ``folder``.

    Run before rendering, so a folder problem is reported at once rather than after the
    work; it creates ``folder`` when it is missing.
    """
    where = str(folder)
    if folder.exists() and not folder.is_dir():
        raise BriefingError(
            Problem.in_output(
                where,
                "the output folder is a file, not a folder",
                hint="pass another folder with -o, or move the file away",
                fault=Fault.AUTHOR,
            )
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise _machine(where, f"cannot create the output folder: {err.strerror}") from None
    for name in names:
        target = folder / name
        try:
            mode = target.lstat().st_mode
        except FileNotFoundError:
            continue
        except OSError as err:
            raise _machine(str(target), f"cannot inspect the output: {err.strerror}") from None
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
            raise BriefingError(
                Problem.in_output(
                    str(target),
                    f"an output goes here, but this is {kind}",
                    hint="move it away, or pass another output folder with -o",
                    fault=Fault.AUTHOR,
                )
            )
    # -- a probe file: the only check that holds for read-only mounts, ACLs and quotas --
    remove_stale_temporaries(folder / "probe")  # -- those of builds killed right here --
    try:
        fd, probe = tempfile.mkstemp(prefix=f".probe.{os.getpid()}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise _machine(where, f"cannot write in the output folder: {err.strerror}") from None
    os.close(fd)
    _remove(probe)


def write_error(folder: Path, err: OSError) -> BriefingError:
    """The message for outputs that could not be written: the previous ones are kept."""
    return _machine(
        str(folder),
        f"cannot write the outputs: {err.strerror or err}; the previous outputs are unchanged",
    )


def _machine(where: str, message: str) -> BriefingError:
    return BriefingError(
        Problem.in_output(
            where,
            message,
            hint="check the disk space and the folder's permissions, or pass another folder "
            "with -o",
            fault=Fault.AUTHOR,
        )
    )


def _write_temporary(target: Path, data: bytes) -> str:
    fd, temp = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
    except BaseException:
        _remove(temp)
        raise
    return temp


def _link_previous(target: Path) -> str | None:
    name = target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        os.link(target, name)
    except FileNotFoundError:
        return None  # -- no previous file: undoing the rename means removing the new one --
    except OSError:
        return None  # -- no hard links here (some network file systems): best effort --
    return str(name)


def _put_back(target: Path, backup: str | None) -> None:
    try:
        if backup is None:
            target.unlink(missing_ok=True)
        else:
            os.replace(backup, target)
    except OSError:
        pass  # -- nothing more can be done; the error that led here is reported --


def _remove(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)


def temporaries(path: Path) -> list[Path]:
    """The temporary files of ``path`` in its folder, whoever wrote them."""
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


def remove_stale_temporaries(path: Path) -> None:
    """Remove temporary files of ``path`` left by processes that no longer run."""
    for temp in temporaries(path):
        pid = temp.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            temp.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: leave its file alone
    return True


def _sync_folder(folder: Path) -> None:
    # -- the rename is durable only once the folder's entry is on disk (POSIX) --
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
