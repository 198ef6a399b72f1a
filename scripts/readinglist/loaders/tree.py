"""The reading list's files, listed and opened without ever following a symbolic link.

Content has one place: a symbolic link (wherever it points, into the repository too) or a special
file (a named pipe, a device, a socket) under taxonomy/, bib/, notes/ or docs/ is reported and
never opened, so a pull request cannot make the check or the site read /etc/passwd, wait forever
on a pipe or stream /dev/zero. Regular files are opened one folder at a time with O_NOFOLLOW and
checked again once open, so swapping a file for a link after it was listed changes nothing.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..diagnostic import Diagnostic, error

FOLDERS = ("taxonomy", "bib", "notes", "docs")
_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
# O_NONBLOCK: opening a named pipe that replaced a listed file returns at once instead of waiting.
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
_FIX = {"symlink": "only regular files are read (content has one place), so put the content "
        "itself here or delete the link",
        "special-file": "only regular files are read, so delete it"}
REFUSED_CODES = frozenset(_FIX)   # the diagnostics of files that are listed but never opened
_NEVER = "readinglist reads and writes only regular files, never through a link"
_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISDIR, "a folder"))


class NotRegularError(OSError):
    """A path that is a link, passes through one, or is not a regular file."""


class Obstacle(NamedTuple):
    """Why a path cannot be read as a regular file: kind is symlink, special-file or missing."""

    kind: str
    path: str      # the part of the path at fault: the file, or a folder on the way to it
    text: str      # a clause: "'notes/x.md' is a symbolic link to '/etc/passwd'"

    def diagnostic(self) -> Diagnostic:
        return error(self.path, 1, 1, self.kind, f"{self.text}; {_FIX[self.kind]}")


@dataclass(frozen=True)
class Tree:
    """What walk found: the regular files, and a diagnostic for each link and special file."""

    files: frozenset[str]                # posix paths from the root
    refused: tuple[Diagnostic, ...]

    def listed(self, folder: str, suffix: str, deep: bool = False) -> list[str]:
        """The regular files in folder (at any depth if deep) whose names end with suffix."""
        prefix, depth = f"{folder}/", folder.count("/") + 1
        found = [path for path in self.files if path.startswith(prefix) and path.endswith(suffix)]
        if deep:
            return sorted(found, key=lambda path: path.split("/"))
        return sorted(path for path in found if path.count("/") == depth)

    def refuses(self, path: str) -> bool:
        """Whether path, or a folder on the way to it, was refused (and reported)."""
        return any(path == d.path or path.startswith(f"{d.path}/") for d in self.refused)


def walk(root: Path, folders: tuple[str, ...] = FOLDERS) -> Tree:
    """Every file under the folders, without descending into linked folders."""
    files: list[str] = []
    refused: list[Obstacle] = []
    pending = [folder for folder in folders if os.path.lexists(root / folder)]
    while pending:   # a list, not recursion: a hostile tree may nest thousands of folders
        path = pending.pop()
        try:
            info = os.lstat(root / path)
        except FileNotFoundError:   # removed while we looked
            continue
        if stat.S_ISDIR(info.st_mode):
            with os.scandir(root / path) as entries:
                for entry in entries:
                    child = f"{path}/{entry.name}"
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(child)
                    elif entry.is_file(follow_symlinks=False):
                        files.append(child)
                    else:
                        refused.append(_classify(root, child, entry.stat(follow_symlinks=False)))
        elif stat.S_ISREG(info.st_mode):
            files.append(path)
        else:
            refused.append(_classify(root, path, info))
    return Tree(frozenset(files), tuple(o.diagnostic() for o in refused))


def refusal(root: Path, relpath: str) -> Diagnostic:
    """The diagnostic for a file that could not be opened as a regular file."""
    found = obstacle(root, relpath)
    if found is None or found.kind == "missing":   # it changed between listing and opening
        found = Obstacle("special-file", relpath, f"'{relpath}' changed while it was read")
    return found.diagnostic()


def obstacle(root: Path, relpath: str) -> Obstacle | None:
    """What stops relpath from being read as a regular file through real folders, if anything."""
    parts = relpath.split("/")
    for depth in range(1, len(parts) + 1):
        path = "/".join(parts[:depth])
        try:
            info = os.lstat(root / path)
        except (FileNotFoundError, NotADirectoryError):
            return Obstacle("missing", path, f"'{path}' does not exist")
        if stat.S_ISLNK(info.st_mode):
            return _classify(root, path, info)
        if depth < len(parts) and not stat.S_ISDIR(info.st_mode):
            return Obstacle("missing", path, f"'{path}' is not a folder")
    if stat.S_ISDIR(info.st_mode):
        return Obstacle("missing", relpath, f"'{relpath}' is a folder, not a file")
    return None if stat.S_ISREG(info.st_mode) else _classify(root, relpath, info)


def refuse_unsafe(root: Path, relpath: str) -> None:
    """Raise NotRegularError if a link or a special file stands at relpath or on the way to it."""
    found = obstacle(root, relpath)
    if found is not None and found.kind != "missing":
        raise NotRegularError(f"{found.text}; {_NEVER}")


def read_regular(root: Path, relpath: str) -> bytes:
    """The bytes of the regular file at relpath, reached without following any link.

    Raises NotRegularError for a link or a special file on the way; FileNotFoundError if absent."""
    *folders, name = parts = relpath.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise NotRegularError(f"'{relpath}' is not a plain path inside {root}")
    descriptor = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    for folder in folders:
        descriptor = _open_in(descriptor, folder, _FOLDER_FLAGS, root, relpath)
    descriptor = _open_in(descriptor, name, _FILE_FLAGS, root, relpath)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularError(_explain(root, relpath))
        chunks = []
        while chunk := os.read(descriptor, max(info.st_size + 1, 1 << 16)):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def _open_in(parent: int, name: str, flags: int, root: Path, relpath: str) -> int:
    """Open name inside the folder open as parent, and close the parent."""
    try:
        return os.open(name, flags, dir_fd=parent)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.ENXIO):
            raise NotRegularError(_explain(root, relpath)) from None
        raise
    finally:
        os.close(parent)


def _explain(root: Path, relpath: str) -> str:
    found = obstacle(root, relpath)
    clause = found.text if found else f"'{relpath}' changed while it was read"
    return f"{clause}; {_NEVER}"


def _classify(root: Path, path: str, info: os.stat_result) -> Obstacle:
    """A link or a special file, described without opening it (a link is read, not followed)."""
    if stat.S_ISLNK(info.st_mode):
        try:
            target = os.readlink(root / path)
        except OSError:
            target = "?"
        return Obstacle("symlink", path, f"'{path}' is a symbolic link to '{target}'")
    kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
    return Obstacle("special-file", path, f"'{path}' is {kind}")
