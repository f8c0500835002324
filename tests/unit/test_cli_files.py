"""Files the command line writes (docs/rules.md §7): `-o` replaces only a regular file, through a temporary file
beside it that never stays behind; the old file survives a full disk and a signal; stdout's errors are one line.
Real files, real processes where signals or stdout are involved."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sonpo.cli import main

ROOT = Path(__file__).resolve().parents[2]
ROOT_USER = os.geteuid() == 0
NOBODY = 65534
OLD = b"the old file, as it was\n"
# the first line of a bulk run's summary on stderr: it must not be printed before the data is written
SUMMARY = {"ja": "見積済", "en": "Quoted"}


def cli(*argv: str, stdout: Any = subprocess.PIPE, timeout: float = 30, **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sonpo", *argv], cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE,
                          text=True, timeout=timeout, check=False, **kw)


def one_error_line(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def csv_rows(n: int) -> bytes:
    return b"plan,ids,name\n" + b"common,3,agency\n" * n


def left_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture(scope="module")
def big_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """100,000 rows (the most a bulk file may hold): 9.5 MB of result, long enough to signal mid-write."""
    path = tmp_path_factory.mktemp("big") / "in.csv"
    path.write_bytes(csv_rows(99_999))
    return path


@pytest.fixture
def small_input(tmp_path: Path) -> Path:
    path = tmp_path / "in.csv"
    path.write_bytes(csv_rows(3))
    return path


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KiB file system (tmpfs), unmounted afterwards."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if not ROOT_USER:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)], capture_output=True,
                             text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"mount -t tmpfs is not permitted here: {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=True)


# ---- only a regular file is replaced ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_device_node_is_refused_and_left_as_it_is(tmp_path: Path, small_input: Path,
                                                     capsys: pytest.CaptureFixture[str], lang: str) -> None:
    if ROOT_USER:  # a copy of /dev/full (char 1,7): as root the old code replaced the real one
        node = tmp_path / "full"
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    else:
        node = Path("/dev/full")
    before = os.lstat(node)
    assert main(["bulk", str(small_input), "-o", str(node), "--lang", lang]) == 2
    out, err = capsys.readouterr()
    one_error_line(err)
    assert out == "" and SUMMARY[lang] not in err
    assert {"ja": f"「{node}」はデバイスファイルのため書き込みません",
            "en": f'"{node}" is a device file, so it is not written'}[lang] in err
    after = os.lstat(node)
    assert stat.S_ISCHR(after.st_mode) and (after.st_rdev, after.st_ino) == (before.st_rdev, before.st_ino)
    if ROOT_USER:
        assert left_in(tmp_path) == ["full", "in.csv"]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_named_pipe_is_refused_without_being_opened(tmp_path: Path, small_input: Path, lang: str) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    # a process, with a timeout: opening a pipe nobody reads would wait for ever
    p = cli("bulk", str(small_input), "--lang", lang, "-o", str(fifo), timeout=20)
    assert (p.returncode, p.stdout) == (2, "")
    assert {"ja": "は名前付きパイプのため書き込みません", "en": "is a named pipe, so it is not written"}[lang] in \
        one_error_line(p.stderr)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and left_in(tmp_path) == ["in.csv", "pipe"]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_symbolic_link_is_refused_and_neither_it_nor_its_target_changes(
    tmp_path: Path, small_input: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    target, link, dangling = tmp_path / "target.csv", tmp_path / "link.csv", tmp_path / "dangling.csv"
    target.write_bytes(OLD)
    link.symlink_to(target)
    dangling.symlink_to(tmp_path / "nowhere.csv")
    for path in (link, dangling):
        assert main(["bulk", str(small_input), "-o", str(path), "--lang", lang]) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert {"ja": f"「{path}」はシンボリックリンクのため書き込みません。リンク先のファイル名を指定してください",
                "en": f'"{path}" is a symbolic link, so it is not written. Please name the file it points to'}[
            lang] in one_error_line(err)
        assert path.is_symlink()
    assert os.readlink(link) == str(target) and target.read_bytes() == OLD
    assert left_in(tmp_path) == ["dangling.csv", "in.csv", "link.csv", "target.csv"]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_folder_is_refused(tmp_path: Path, small_input: Path, capsys: pytest.CaptureFixture[str],
                             lang: str) -> None:
    folder = tmp_path / "results"
    folder.mkdir()
    (folder / "keep.csv").write_bytes(OLD)
    for path in (str(folder), f"{tmp_path}/not-yet/"):
        assert main(["bulk", str(small_input), "-o", path, "--lang", lang]) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert {"ja": f"「{path}」はフォルダーを指しています。ファイル名まで指定してください",
                "en": f'"{path}" names a folder. Please name a file in it'}[lang] in one_error_line(err)
    assert left_in(folder) == ["keep.csv"] and left_in(tmp_path) == ["in.csv", "results"]


def as_a_user(*argv: str) -> list[str]:
    """The command as a user whom a file's permissions bind: root, run without CAP_DAC_OVERRIDE (a folder's
    mode binds its owner then, and nothing outside the test's folder changes)."""
    command = [sys.executable, "-m", "sonpo", *argv]
    if not ROOT_USER:
        return command
    if shutil.which("setpriv") is None:
        pytest.skip("as root a folder's mode does not apply, and setpriv (util-linux) is not here to drop the right")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=30, check=False)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_read_only_folder_keeps_its_file(tmp_path: Path, small_input: Path, lang: str) -> None:
    # the file itself is writable, but no new file (the temporary one) can be made beside it: written in place,
    # a failure half-way would leave it broken, so it is not written at all
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "out.csv").write_bytes(OLD)
    (folder / "out.csv").chmod(0o666)
    folder.chmod(0o555)
    try:
        p = run(as_a_user("bulk", str(small_input), "-o", str(folder / "out.csv"), "--lang", lang))
    finally:
        folder.chmod(0o755)
    assert (p.returncode, p.stdout) == (2, "")
    assert {"ja": f"フォルダー「{folder}」に一時ファイルを作れないため、「{folder}/out.csv」に書き込めません"
                  "（アクセス権がありません）",
            "en": f'Cannot write "{folder}/out.csv": no temporary file can be made in the folder "{folder}" '
                  "(permission denied)"}[lang] in one_error_line(p.stderr)
    assert (folder / "out.csv").read_bytes() == OLD and left_in(folder) == ["out.csv"]


def test_a_read_only_file_is_not_replaced(tmp_path: Path, small_input: Path) -> None:
    # as a shell's `>` refuses it: the folder takes new files, but the file's own mode says no
    target = tmp_path / "out.csv"
    target.write_bytes(OLD)
    target.chmod(0o444)
    p = run(as_a_user("bulk", str(small_input), "-o", str(target)))
    assert (p.returncode, p.stdout) == (2, "")
    assert f"ファイル「{target}」に書き込めません（アクセス権がありません）" in one_error_line(p.stderr)
    assert target.read_bytes() == OLD and left_in(tmp_path) == ["in.csv", "out.csv"]


# ---- what the replaced file keeps -------------------------------------------------------------------


def test_an_existing_file_keeps_its_mode_and_owner(tmp_path: Path, small_input: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "shared.csv"
    target.write_bytes(OLD)
    target.chmod(0o664)
    if ROOT_USER:
        os.chown(target, NOBODY, NOBODY)
    before = target.stat()
    assert main(["bulk", str(small_input), "-o", str(target)]) == 0
    assert "見積済：3行" in capsys.readouterr().err
    after = target.stat()
    assert target.read_bytes().startswith("\ufeffplan,ids,name,".encode())  # the new result is in place
    assert stat.S_IMODE(after.st_mode) == 0o664
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)
    assert left_in(tmp_path) == ["in.csv", "shared.csv"]


def test_a_new_file_gets_the_mode_a_shell_would_give_it(tmp_path: Path, small_input: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    umask = os.umask(0o002)  # a group-writable umask: 0666 less it is 0664 (mkstemp alone gives 0600)
    try:
        assert main(["bulk", str(small_input), "-o", str(tmp_path / "new.csv")]) == 0
        assert main(["document", "calendar", "--plan", "common", "-o", str(tmp_path / "new.ics")]) == 0
    finally:
        os.umask(umask)
    capsys.readouterr()
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o664
    assert stat.S_IMODE((tmp_path / "new.ics").stat().st_mode) == 0o664


# ---- a full disk ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_full_disk_leaves_the_old_file_and_no_temporary_file(
    small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(csv_rows(10_000))  # about 600 KB of result: more than the disk holds
    (small_disk / "out.csv").write_bytes(OLD)
    assert main(["bulk", str(src), "-o", str(small_disk / "out.csv"), "--lang", lang]) == 1
    out, err = capsys.readouterr()
    assert out == "" and SUMMARY[lang] not in err
    assert {"ja": f"ファイル「{small_disk}/out.csv」に書き込めません（ディスクの空き容量がありません）",
            "en": f'Cannot write the file "{small_disk}/out.csv" (no space left on the disk)'}[lang] in \
        one_error_line(err)
    assert (small_disk / "out.csv").read_bytes() == OLD and left_in(small_disk) == ["out.csv"]


def test_a_document_on_a_full_disk_leaves_the_old_one_readable(small_disk: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    old_pdf = b"%PDF-1.4 the old quotation\n"
    (small_disk / "見積書.pdf").write_bytes(old_pdf)
    (small_disk / "filler").write_bytes(b"\0" * (256 * 1024 - 12 * 1024))  # a few KB left: less than a PDF
    code = main(["document", "quote", "--plan", "common", "--ids", "10", "-o", str(small_disk / "見積書.pdf")])
    _, err = capsys.readouterr()
    assert code == 1 and "（ディスクの空き容量がありません）" in one_error_line(err)
    assert (small_disk / "見積書.pdf").read_bytes() == old_pdf
    assert left_in(small_disk) == ["filler", "見積書.pdf"]


# ---- stdout -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("argv", "lang", "line"), [
    (["bulk", "{src}"], "ja",
     "error: stdout (標準出力): 標準出力に書き込めません（ディスクの空き容量がありません）。\n"),
    (["quote", "--plan", "common", "--ids", "3"], "en",
     "error: stdout (Standard output): Cannot write to standard output (no space left on the disk).\n"),
], ids=["bulk-ja", "quote-en"])
def test_a_full_stdout_is_one_line_and_status_1(small_input: Path, argv: list[str], lang: str, line: str) -> None:
    with open("/dev/full", "wb") as full:
        p = cli(*[a.format(src=small_input) for a in argv], "--lang", lang, stdout=full)
    assert (p.returncode, p.stderr) == (1, line)  # and no summary before it: nothing was written


def test_a_closed_pipe_ends_quietly_with_sigpipes_status(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(csv_rows(20_000))  # about 1.2 MB of result: more than a pipe holds
    p = subprocess.Popen([sys.executable, "-m", "sonpo", "bulk", str(src)], cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    assert p.stdout is not None and p.stderr is not None
    assert p.stdout.read(1) == b"\xef"  # `| head -c1`: one byte (the BOM's first), then the reader goes away
    p.stdout.close()
    err = p.stderr.read()
    assert p.wait(timeout=30) == 128 + signal.SIGPIPE
    assert err == b""  # no traceback, and no summary: the result did not reach its reader


# ---- signals ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_mid_write_removes_the_temporary_file(tmp_path: Path, big_input: Path, sig: signal.Signals) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(OLD)
    p = subprocess.Popen([sys.executable, "-m", "sonpo", "bulk", str(big_input), "-o", str(target)], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while len(left_in(tmp_path)) < 2:  # the temporary file beside the target: the write has begun
        assert p.poll() is None and time.monotonic() < deadline, "no temporary file appeared"
        time.sleep(0.002)
    p.send_signal(sig)
    out, err = p.communicate(timeout=20)
    assert p.returncode == 128 + sig  # ended by the signal, not finished before it
    assert (out, err) == (b"", b"")
    assert left_in(tmp_path) == ["out.csv"] and target.read_bytes() == OLD


def test_a_closed_stdout_is_one_line_and_status_1() -> None:
    p = subprocess.run(f"{sys.executable} -m sonpo quote --plan common --ids 3 --lang en >&-", shell=True, cwd=ROOT,
                       capture_output=True, text=True, timeout=30, check=False)
    assert (p.returncode, p.stderr) == (1, "error: stdout (Standard output): Cannot write to standard output "
                                           "(it is closed).\n")
