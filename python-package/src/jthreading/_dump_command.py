"""``jthreading dump PID``: asks a running jthreading process for its thread dump.

The process (io.jthreading.python.DumpOnSignal, installed by the launcher) writes the dump to
``<tmpdir>/jthreading-dump-PID.txt`` on SIGUSR2 and leaves ``jthreading-dump-PID.ready`` there
while it runs. Without that file the signal is not sent: SIGUSR2 would end another process.
"""

import os
import signal
import sys
import tempfile
import time

#: How long the process may take: the dump waits up to 3 s for Python's stacks (the GIL).
WAIT_SECONDS = 15


def dump(pid):
    folder = _folder_of(pid)
    if folder is None:
        print(f"jthreading: process {pid} is not a running jthreading process "
              "(no jthreading-dump-{pid}.ready in the temporary directory)", file=sys.stderr)
        return 1
    target = os.path.join(folder, f"jthreading-dump-{pid}.txt")
    before = _modified(target)
    try:
        os.kill(pid, signal.SIGUSR2)
    except ProcessLookupError:
        print(f"jthreading: no process {pid}", file=sys.stderr)
        return 1
    deadline = time.monotonic() + WAIT_SECONDS
    while _modified(target) == before:
        if time.monotonic() > deadline:
            print(f"jthreading: process {pid} wrote no dump within {WAIT_SECONDS} s",
                  file=sys.stderr)
            return 1
        time.sleep(0.05)  # another process: nothing to wait on but the file
    with open(target, encoding="utf-8") as text:
        sys.stdout.write(text.read())
    return 0


def _folder_of(pid):
    """The temporary directory the JVM uses (java.io.tmpdir, /tmp on Linux unless set), if the
    process is a JVM that left its ready file there (a stale file of a killed process whose pid
    was reused by something else than a JVM is not trusted)."""
    for folder in dict.fromkeys([tempfile.gettempdir(), "/tmp"]):
        if os.path.exists(os.path.join(folder, f"jthreading-dump-{pid}.ready")) and _is_jvm(pid):
            return folder
    return None


def _is_jvm(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return b"java" in cmdline.read()
    except FileNotFoundError:
        return False
    except OSError:
        return True  # no /proc to ask: trust the ready file


def _modified(path):
    try:
        return os.stat(path).st_mtime_ns
    except FileNotFoundError:
        return None
