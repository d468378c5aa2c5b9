"""Whether the session that wrote a recovery copy still runs: a copy of a window still open
is never offered (restoring it would fork the work), a copy of a session that ended always is,
whatever the process's name, the system, or who owns the process."""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
import time
from ctypes import wintypes
from pathlib import Path
from typing import Any

import pytest

from advisor.storage import recovery
from advisor.storage.recovery import (
    _process_alive,
    _process_started,
    find_recoveries,
    load_recovery,
    scan_recoveries,
    write_recovery,
)
from tests.factories import full_project

LINUX = Path("/proc/self/stat").exists()
linux_only = pytest.mark.skipif(not LINUX, reason="process start times from /proc")

_WRITER = """
import sys
from pathlib import Path
from advisor.storage.recovery import write_recovery
from tests.factories import full_project
write_recovery(full_project(), Path(sys.argv[1]), "other-window", None)
print("written", flush=True)
sys.stdin.readline()
"""


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_a_copy_written_by_another_open_window_is_offered_only_once_it_closes(
    tmp_path: Path,
) -> None:
    """The other window writes its copy itself: what it records must identify it."""
    writer = _python(_WRITER, str(tmp_path))
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "written\n"

        assert find_recoveries(tmp_path) == []  # its window is still open
    finally:
        writer.communicate("\n", timeout=30)
    (copy,) = find_recoveries(tmp_path)
    assert load_recovery(copy) == full_project()


def test_asking_whether_a_process_runs_leaves_it_running() -> None:
    """Signal 0 only asks; any other signal would end or disturb the other window."""
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        time.sleep(0.2)
        assert _process_alive(other.pid)
        time.sleep(0.2)
        assert other.poll() is None
    finally:
        other.kill()
        other.wait()


def test_a_copy_without_a_start_time_is_tied_to_its_pid(tmp_path: Path) -> None:
    """Systems without start times: a live pid means the window may still be open."""
    path = write_recovery(full_project(), tmp_path, "s", None)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        envelope = json.loads(path.read_text(encoding="utf-8"))
        envelope.update(pid=other.pid, started=None)
        path.write_text(json.dumps(envelope), encoding="utf-8")
        assert find_recoveries(tmp_path) == []
    finally:
        other.kill()
        other.wait()
    assert [c.path for c in find_recoveries(tmp_path)] == [path]


def test_pid_1_is_a_real_process() -> None:
    assert _process_alive(1)  # init (or the container's first process) always runs


def test_a_process_of_another_user_counts_as_running(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(pid: int, signal: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(recovery.os, "kill", refused)
    assert _process_alive(4321)


def test_when_the_start_time_cannot_be_read_now_the_pid_decides(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(recovery, "_pid_running", lambda pid: True)
    monkeypatch.setattr(recovery, "_process_started", lambda pid: None)
    assert _process_alive(4321, "12345")


@linux_only
def test_a_copy_records_the_writers_pid_and_start_time(tmp_path: Path) -> None:
    path = write_recovery(full_project(), tmp_path, "s", None)
    envelope = json.loads(path.read_text(encoding="utf-8"))

    assert envelope["pid"] == os.getpid()
    assert envelope["started"] == _process_started(os.getpid()) is not None


@linux_only
@pytest.mark.parametrize("name", ["plain", "a) b c", "é) x (y"])
def test_the_start_time_is_read_whatever_the_process_name(name: str) -> None:
    """The kernel counts start times in clock ticks since boot: a process started now has one
    close to the system's uptime, even when its name holds spaces, brackets or accents."""
    code = (
        "import ctypes, sys, time\n"
        "ctypes.CDLL(None).prctl(15, sys.argv[1].encode(), 0, 0, 0)  # PR_SET_NAME\n"
        "print('named', flush=True)\n"
        "time.sleep(60)\n"
    )
    with open("/proc/uptime", encoding="ascii") as uptime:
        booted_for = float(uptime.read().split()[0])
    other = _python(code, name)
    try:
        assert other.stdout is not None and other.stdout.readline() == "named\n"
        with open(f"/proc/{other.pid}/comm", "rb") as comm:
            assert comm.read().decode().strip() == name  # the name really is that one

        started = _process_started(other.pid)

        assert started is not None
        seconds = int(started) / os.sysconf("SC_CLK_TCK")
        assert booted_for - 1 <= seconds <= booted_for + 30
    finally:
        other.kill()
        other.wait()


def test_a_copy_refreshed_leaves_no_backup_beside_it(tmp_path: Path) -> None:
    write_recovery(full_project(), tmp_path, "s", None)
    write_recovery(full_project(), tmp_path, "s", None)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.recovery.json"]


def test_a_missing_folder_sets_nothing_aside(tmp_path: Path) -> None:
    scan = scan_recoveries(tmp_path / "nowhere")
    assert (scan.copies, scan.set_aside) == ([], [])


def test_a_copy_damaged_after_it_was_offered_names_itself(tmp_path: Path) -> None:
    path = write_recovery(full_project(), tmp_path, "s", None)
    envelope = json.loads(path.read_text(encoding="utf-8"))
    envelope["pid"] = 2**22 + 1
    path.write_text(json.dumps(envelope), encoding="utf-8")
    (copy,) = find_recoveries(tmp_path)

    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(recovery.ProjectFileError) as damaged:
        load_recovery(copy)
    assert str(path) in str(damaged.value)
    assert "The recovery copy is damaged." in str(damaged.value)

    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(recovery.ProjectFileError) as broken:
        load_recovery(copy)
    assert str(path) in str(broken.value)

    path.unlink()
    path.mkdir()
    with pytest.raises(recovery.ProjectFileError) as folder:
        load_recovery(copy)
    assert str(path) in str(folder.value) and folder.value.problem


class _FakeKernel32:
    """The three Windows calls, answering as Windows would for one process."""

    def __init__(self, handle: int, exit_code: int | None, last_error: int = 0) -> None:
        self.handle, self.exit_code, self.last_error = handle, exit_code, last_error
        self.opened: list[tuple[Any, ...]] = []
        self.closed: list[int] = []
        self.OpenProcess = self._open  # noqa: N815 (the API's names)
        self.GetExitCodeProcess = self._exit_code  # noqa: N815
        self.CloseHandle = self._close  # noqa: N815

    class _Function:
        def __init__(self, call: Any) -> None:
            self.call, self.restype, self.argtypes = call, None, None

        def __call__(self, *args: Any) -> Any:
            return self.call(*args)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("OpenProcess", "GetExitCodeProcess", "CloseHandle"):
            value = self._Function(value)
        object.__setattr__(self, name, value)

    def _open(self, access: int, inherit: bool, pid: int) -> int:
        self.opened.append((access, inherit, pid))
        return self.handle

    def _exit_code(self, handle: int, code: Any) -> int:
        assert handle == self.handle
        if self.exit_code is None:
            return 0  # the call failed
        code._obj.value = self.exit_code
        return 1

    def _close(self, handle: int) -> None:
        self.closed.append(handle)


@pytest.mark.parametrize(
    ("handle", "exit_code", "last_error", "running"),
    [
        (77, 259, 0, True),  # STILL_ACTIVE
        (77, 0, 0, False),  # ended with code 0
        (77, 1, 0, False),  # ended with an error
        (77, None, 0, True),  # cannot tell: never offer a copy that may still be open
        (0, None, 5, True),  # access denied: another user's process exists
        (0, None, 87, False),  # invalid parameter: no such process
    ],
)
def test_on_windows_a_process_is_asked_without_being_signalled(
    monkeypatch: pytest.MonkeyPatch,
    handle: int,
    exit_code: int | None,
    last_error: int,
    running: bool,
) -> None:
    """On Windows ``os.kill(pid, 0)`` would end the process: the kernel is asked instead."""
    fake = _FakeKernel32(handle, exit_code, last_error)
    loaded: list[tuple[str, bool]] = []

    def win_dll(name: str, use_last_error: bool = False) -> _FakeKernel32:
        loaded.append((name, use_last_error))
        return fake

    def killed(pid: int, signal: int) -> None:
        raise AssertionError("os.kill on Windows")

    monkeypatch.setattr(recovery.sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "WinDLL", win_dll, raising=False)
    monkeypatch.setattr(ctypes, "get_last_error", lambda: fake.last_error, raising=False)
    monkeypatch.setattr(recovery.os, "kill", killed)

    assert recovery._pid_running(4321) is running
    assert loaded == [("kernel32", True)]  # the last error is kept for get_last_error
    assert fake.opened == [(0x1000, False, 4321)]  # PROCESS_QUERY_LIMITED_INFORMATION
    assert fake.closed == ([handle] if handle else [])
    # 64-bit handles are declared as such, or they would be cut to 32 bits
    assert fake.OpenProcess.restype is wintypes.HANDLE
    assert fake.OpenProcess.argtypes == (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    assert fake.GetExitCodeProcess.argtypes == (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    assert fake.CloseHandle.argtypes == (wintypes.HANDLE,)


def test_copies_set_aside_one_after_another_are_numbered_in_order(tmp_path: Path) -> None:
    """The person rescuing them by hand finds them as name, name.2, name.3: oldest first."""
    for text in ("first", "second", "third"):
        (tmp_path / "s1.recovery.json").write_text(text, encoding="utf-8")
        scan_recoveries(tmp_path)

    damaged = tmp_path / recovery.DAMAGED_FOLDER
    assert {p.name: p.read_text(encoding="utf-8") for p in damaged.iterdir()} == {
        "s1.recovery.json": "first",
        "s1.recovery.json.2": "second",
        "s1.recovery.json.3": "third",
    }


def test_restoring_a_copy_whose_project_no_longer_reads_names_the_copy(tmp_path: Path) -> None:
    path = write_recovery(full_project(), tmp_path, "s", None)
    envelope = json.loads(path.read_text(encoding="utf-8"))
    envelope["pid"] = 2**22 + 1
    path.write_text(json.dumps(envelope), encoding="utf-8")
    (copy,) = find_recoveries(tmp_path)
    envelope["document"]["project"]["kpi_periods"] = "not a list"
    path.write_text(json.dumps(envelope), encoding="utf-8")

    with pytest.raises(recovery.ProjectFileError) as caught:
        load_recovery(copy)
    assert str(path) in str(caught.value)
