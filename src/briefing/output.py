"""Write outputs atomically: a temporary file beside the target, moved into place when whole.

``bytes -> file``. The temporary file is ``.NAME.PID.RANDOM.tmp`` in the target's
folder (so the final move is a rename on one file system, never a copy). A
build killed outright (SIGKILL, power loss) while writing can leave one behind;
the next write of the same target removes those whose process is gone, and
never one of a build still running.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    fd, temp = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


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
