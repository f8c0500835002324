"""Where the command line writes (docs/rules.md §7): the one home of `-o FILE` and of stdout's write errors.

A file named by `-o` is written to a temporary file beside it, flushed to disk and renamed over it, so a full
disk, a write error or a signal leaves the old file as it was and no temporary file behind. Only a regular file
(or a name not taken yet) is ever replaced: a device, a pipe, a directory, a socket or a symbolic link is
refused before anything is opened. The replaced file keeps its mode (and, when the command runs as root, its
owner and group)."""

from __future__ import annotations

import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import IO, TypeVar

from sonpo.errors import DomainError
from sonpo.i18n import Lang, has, t

T = TypeVar("T")

EXIT_REFUSED = 2  # the path named cannot be written (as the command line's other refusals)
EXIT_FAILED = 1  # writing failed on the way (disk full, I/O error, stdout closed)
# ended by these during a write: the temporary file is removed, then the status is 128 + the signal's number
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

# what stands at the path, by the test that finds it, first one that matches
_KINDS: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISLNK, "output_symlink"),
    (stat.S_ISDIR, "output_directory"),
    (stat.S_ISFIFO, "output_fifo"),
    (stat.S_ISCHR, "output_device"),
    (stat.S_ISBLK, "output_device"),
    (stat.S_ISSOCK, "output_socket"),
)


class OutputError(DomainError):
    """The output could not be written: `status` is the exit status; an OSError's reason is shown in the
    user's language where data/i18n has it (`os_error.ENOSPC`...), else as the system words it."""

    def __init__(self, code: str, field: str, status: int, error: OSError | None = None, **params: object) -> None:
        super().__init__(code, field, **params)
        self.status = status
        self.error = error

    def message(self, lang: Lang = "ja") -> str:
        params = dict(self.params)
        if self.error is not None:
            params["reason"] = os_reason(self.error, lang)
        return t(f"error.{self.code}", lang, field=self.field_label(lang), **params)


def os_reason(e: OSError, lang: Lang) -> str:
    """Why the system refused, in the user's language for the usual reasons (disk full, no permission...)."""
    name = errno.errorcode.get(e.errno or 0, "")
    if name and has(f"os_error.{name}", lang):
        return t(f"os_error.{name}", lang)
    return e.strerror or str(e)


def _refusal(path: str) -> os.stat_result | None:
    """What is at `path` now: None (nothing yet) or a regular file's status; anything else is refused."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        if path.endswith(os.sep):  # 'out/': a directory was meant
            raise OutputError("output_directory", "output", EXIT_REFUSED, path=path) from None
        return None
    except OSError as e:
        raise OutputError("unwritable", "output", EXIT_REFUSED, e, path=path) from None
    for test, code in _KINDS:
        if test(st.st_mode):
            raise OutputError(code, "output", EXIT_REFUSED, path=path)
    if not stat.S_ISREG(st.st_mode):  # pragma: no cover (a kind Linux does not have)
        raise OutputError("output_device", "output", EXIT_REFUSED, path=path)
    if not os.access(path, os.W_OK):  # as a shell's `>` would: a file its owner made read-only stays so
        raise OutputError("unwritable", "output", EXIT_REFUSED, OSError(errno.EACCES, os.strerror(errno.EACCES)),
                          path=path)
    return st


def write_file(path: str, write: Callable[[IO[bytes]], T]) -> T:
    """Write `path` through `write(file)` and return what it returns. Raises OutputError (nothing changed at
    `path`, no temporary file left) when the path is not a regular file, its folder takes no new file, or
    writing fails; any other exception from `write` (a refused bulk file) leaves the same nothing behind."""
    old = _refusal(path)
    folder = os.path.dirname(path) or "."
    with _removed_on_signal() as pending:
        with _signals_held():
            try:
                fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
            except OSError as e:
                if e.errno in (errno.ENOENT, errno.ENOTDIR):  # no such folder: said so, as for any file
                    raise OutputError("unwritable", "output", EXIT_REFUSED, e, path=path) from None
                raise OutputError("output_folder", "output", EXIT_REFUSED, e, path=path, folder=folder) from None
            pending.add(tmp)
        try:
            with os.fdopen(fd, "wb") as f:
                _take_over(f.fileno(), old)
                result = write(f)
                f.flush()
                os.fsync(f.fileno())
            with _signals_held():
                _refusal(path)  # made a link or a pipe while we wrote: still not replaced
                os.replace(tmp, path)
                pending.discard(tmp)
        except OSError as e:
            raise OutputError("unwritable", "output", EXIT_FAILED, e, path=path) from None
        finally:
            if tmp in pending:
                with _signals_held():
                    with suppress(OSError):
                        os.unlink(tmp)
                    pending.discard(tmp)
    _sync_folder(folder)
    return result


def _take_over(fd: int, old: os.stat_result | None) -> None:
    """The temporary file given the mode (and owner) the file it replaces has; a new file gets the mode a
    shell's `>` would give it (0666 less the umask), not mkstemp's 0600."""
    if old is None:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        return
    here = os.fstat(fd)
    if (here.st_uid, here.st_gid) != (old.st_uid, old.st_gid):
        # root can give the file back to its owner; anyone else keeps the group when a member of it
        with suppress(PermissionError):
            os.fchown(fd, old.st_uid if os.geteuid() == 0 else -1, old.st_gid)
    os.fchmod(fd, stat.S_IMODE(old.st_mode))  # after chown, which clears set-id bits


def _sync_folder(folder: str) -> None:
    """The rename itself made durable (best effort: some file systems cannot sync a folder)."""
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextmanager
def _removed_on_signal() -> Iterator[set[str]]:
    """SIGINT, SIGTERM and SIGHUP while the block runs remove the temporary files in the yielded set, then
    end the process with 128 + the signal's number. A signal the process ignores (SIGHUP under nohup) stays
    ignored. Outside the main thread (where Python cannot set handlers) nothing changes."""
    pending: set[str] = set()
    if threading.current_thread() is not threading.main_thread():
        yield pending
        return

    def remove_and_exit(signum: int, _frame: object) -> None:
        for name in list(pending):
            with suppress(OSError):
                os.unlink(name)
        os._exit(128 + signum)

    before = {s: signal.getsignal(s) for s in SIGNALS}
    for s, handler in before.items():
        if handler != signal.SIG_IGN:
            signal.signal(s, remove_and_exit)
    try:
        yield pending
    finally:
        for s, handler in before.items():
            if handler != signal.SIG_IGN:
                signal.signal(s, handler)


@contextmanager
def _signals_held() -> Iterator[None]:
    """The signals held back while a temporary file is created or renamed, so that the set of files to remove
    is never a step behind the disk."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
