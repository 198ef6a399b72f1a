"""Changing several files at once: all of them or none, never half of one.

Each new file is written to a temporary file beside its target, flushed and synced, and only then
renamed over it; if anything fails before every rename is done, the files already renamed are put
back. A lock file keeps two commands from interleaving, and temporaries that a killed process left
behind are removed by the next command that takes the lock. A change whose path is a symbolic link,
passes through one or is a special file is refused before anything is written: renaming over a
link would replace it, and writing through it would change a file outside the repository.
"""

from __future__ import annotations

import fcntl
import os
import stat
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..loaders.tree import read_regular, refuse_unsafe

LOCK_FILE = ".readinglist.lock"
TEMP_SUFFIX = ".rl-tmp"
WRITABLE_FOLDERS = ("bib", "taxonomy", "notes")


class LockedError(RuntimeError):
    """Another readinglist command holds the lock."""


@dataclass(frozen=True)
class Change:
    path: str            # posix, relative to the root
    text: str            # the new content, with "\n" line endings


def encode_like(original: bytes | None, text: str) -> bytes:
    """The new text in the old file's conventions: its BOM and its line endings."""
    if original is None:
        return text.encode("utf-8")
    bom = b"\xef\xbb\xbf" if original.startswith(b"\xef\xbb\xbf") else b""
    if b"\r\n" in original and original.count(b"\r\n") * 2 >= original.count(b"\n"):
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return bom + text.encode("utf-8")


def decode_for_edit(data: bytes) -> str:
    """File bytes as text to edit: without a BOM and with "\n" line endings."""
    return data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")


@contextmanager
def locked(root: Path) -> Iterator[None]:
    descriptor = os.open(root / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC,
                         0o644)
    with open(descriptor, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockedError(f"another readinglist command is changing {root}; wait for it "
                              f"to finish (lock: {LOCK_FILE})") from None
        try:
            remove_leftovers(root)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_leftovers(root: Path) -> None:
    for folder in WRITABLE_FOLDERS:
        if (root / folder).is_symlink():   # refused by check; nothing of ours is in there
            continue
        for leftover in (root / folder).glob(f".*{TEMP_SUFFIX}"):
            leftover.unlink(missing_ok=True)


def apply(root: Path, changes: list[Change]) -> None:
    """Write every change, or none of them. The caller holds the lock."""
    for change in changes:
        refuse_unsafe(root, change.path)
    staged: list[tuple[Path, Path, bytes | None]] = []   # target, temporary, old bytes
    try:
        for change in changes:
            target = root / change.path
            old = read_existing(root, change.path)
            staged.append((target, _write_temporary(target, encode_like(old, change.text)), old))
    except BaseException:
        for _, temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    _rename_all(staged)


def read_existing(root: Path, relpath: str) -> bytes | None:
    """The file's bytes, or None if there is none (a link or special file raises)."""
    try:
        return read_regular(root, relpath)
    except FileNotFoundError:
        return None


def _write_temporary(target: Path, data: bytes) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                    suffix=TEMP_SUFFIX)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o644
        os.chmod(temporary, mode)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _rename_all(staged: list[tuple[Path, Path, bytes | None]]) -> None:
    done: list[tuple[Path, bytes | None]] = []
    try:
        for target, temporary, old in staged:
            os.replace(temporary, target)
            done.append((target, old))
        for folder in {target.parent for target, _, _ in staged}:
            _sync_folder(folder)
    except BaseException:
        for _, temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        _restore(done)
        raise


def _restore(done: list[tuple[Path, bytes | None]]) -> None:
    """Put back what was already renamed, so a failure leaves every file as it was."""
    for target, old in reversed(done):
        if old is None:
            target.unlink(missing_ok=True)
        else:
            temporary = _write_temporary(target, old)
            os.replace(temporary, target)


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
