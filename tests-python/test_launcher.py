"""`jthreading run` behaves like `python` for argv, streams, working directory and exit status."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

VENV_BIN = Path(sys.executable).parent
LAUNCHER = VENV_BIN / "jthreading"
TIMEOUT = 120


def run(args, tmp_path, stdin=""):
    return subprocess.run(args, cwd=tmp_path, input=stdin, capture_output=True, text=True,
                          timeout=TIMEOUT)


@pytest.fixture
def script(tmp_path):
    def write(body, name="prog.py"):
        path = tmp_path / "scripts" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(textwrap.dedent(body))
        return path
    return write


def test_argv_streams_cwd_and_status_zero(script, tmp_path):
    prog = script("""
        import os, sys
        import jthreading
        line = sys.stdin.readline().strip()
        print("argv", sys.argv[1:], "cwd", os.getcwd(), "in", line)
        print("to stderr", file=sys.stderr)
        with jthreading.Lock() as held:
            print("held", held)
    """)
    result = run([str(LAUNCHER), "run", str(prog), "a", "b c"], tmp_path, stdin="hello\n")
    assert result.returncode == 0, result.stderr
    assert f"argv ['a', 'b c'] cwd {tmp_path} in hello" in result.stdout
    assert "held True" in result.stdout
    assert "to stderr" in result.stderr


def test_sys_argv0_and_script_dir_on_path(script, tmp_path):
    script("VALUE = 42\n", name="helper.py")
    prog = script("""
        import sys, helper
        print(sys.argv[0], helper.VALUE)
    """)
    result = run([str(LAUNCHER), "run", str(prog)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{prog} 42"


@pytest.mark.parametrize("code, status", [("sys.exit(7)", 7), ("sys.exit()", 0),
                                          ("sys.exit('bye')", 1), ("raise SystemExit(300)", 44)])
def test_system_exit_status(script, tmp_path, code, status):
    prog = script(f"import sys\n{code}\n")
    result = run([str(LAUNCHER), "run", str(prog)], tmp_path)
    assert result.returncode == status
    if status == 1:
        assert result.stderr.strip() == "bye"


def test_uncaught_exception_prints_traceback_and_exits_1(script, tmp_path):
    prog = script("""
        def fail():
            raise ValueError("boom")
        fail()
    """)
    result = run([str(LAUNCHER), "run", str(prog)], tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert f'File "{prog}", line 4, in <module>' in result.stderr
    assert "runpy" not in result.stderr and "_runner" not in result.stderr
    assert result.stderr.rstrip().endswith("ValueError: boom")


def test_run_module_and_python_dash_m(script, tmp_path):
    script("import sys; print('module', __name__, sys.argv[1:])\n", name="mymod.py")
    env_cwd = tmp_path / "scripts"
    for launcher in ([str(LAUNCHER)], [str(VENV_BIN / "python"), "-m", "jthreading"]):
        result = subprocess.run([*launcher, "run", "-m", "mymod", "x"], cwd=env_cwd,
                                capture_output=True, text=True, timeout=TIMEOUT)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "module __main__ ['x']"


def test_missing_script_is_status_2(tmp_path):
    result = run([str(LAUNCHER), "run", "nope.py"], tmp_path)
    assert result.returncode == 2
    assert "can't open file" in result.stderr


def test_info_names_what_a_java_host_needs(tmp_path):
    result = run([str(LAUNCHER), "info"], tmp_path)
    assert result.returncode == 0
    for key in ("jthreading jar", "jep jar", "jep native library", "python home"):
        assert key in result.stdout
    jar = next(line.split(None, 2)[2] for line in result.stdout.splitlines()
               if line.startswith("jthreading jar"))
    assert os.path.isfile(jar)


def test_plain_python_import_explains_the_launcher(tmp_path):
    result = run([str(VENV_BIN / "python"), "-c", "import jthreading; jthreading.Lock"], tmp_path)
    assert result.returncode == 1
    assert "jthreading run" in result.stderr


def test_exit_waits_for_non_daemon_threads_but_not_daemon_ones(script, tmp_path):
    prog = script("""
        import jthreading
        release = jthreading.Event()
        def worker():
            release.wait(0.5)  # still running when the script's last line is done
            print("worker finished", flush=True)
        jthreading.Thread(target=worker).start()
        jthreading.Thread(target=jthreading.Event().wait, daemon=True).start()  # never ends
        print("script done", flush=True)
    """)
    result = run([str(LAUNCHER), "run", str(prog)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["script", "done", "worker", "finished"]


def test_atexit_calls_run_after_the_threads_as_under_python(script, tmp_path):
    prog = script("""
        import atexit, threading, logging
        logging.basicConfig(level=logging.INFO, format="%(message)s")
        atexit.register(lambda: 1 / 0)  # reported, and the others still run
        atexit.register(print, "last registered, first run", flush=True)
        release = threading.Event()
        def worker():
            release.wait(0.5)  # still running when the script's last line is done
            print("worker finished", flush=True)
        threading.Thread(target=worker).start()
        logging.info("logged")
    """)
    ours = run([str(LAUNCHER), "run", str(prog)], tmp_path)
    theirs = run([str(VENV_BIN / "python"), str(prog)], tmp_path)
    assert ours.returncode == theirs.returncode == 0, ours.stderr
    assert ours.stdout == theirs.stdout == "worker finished\nlast registered, first run\n"
    assert "ZeroDivisionError" in theirs.stderr
    assert _without_addresses(ours.stderr) == _without_addresses(theirs.stderr)


def _without_addresses(text):
    import re
    return re.sub(r"0x[0-9a-f]+", "0x?", text)


def test_python_code_gets_cpythons_stack_on_every_thread(script, tmp_path):
    # Recursion through C (lru_cache) needs the C stack CPython's threads have: with Java's
    # default (1 MiB) the JVM crashed where CPython succeeds (3.10, 3.13) or raises
    # RecursionError (3.12's C recursion limit).
    prog = script("""
        import functools, sys, threading
        sys.setrecursionlimit(10_000)
        @functools.lru_cache
        def fib(n):
            return n if n <= 1 else fib(n - 1) + fib(n - 2)
        def deep():
            try:
                print(threading.current_thread() is threading.main_thread(), fib(3000) > 0)
            except RecursionError:
                print("RecursionError")
        deep()
        import jthreading
        worker = jthreading.Thread(target=deep)
        worker.start()
        worker.join()
    """)
    ours = run([str(LAUNCHER), "run", str(prog)], tmp_path)
    theirs = run([str(VENV_BIN / "python"), "-c", "import sys, jthreading\n"
                  "sys.modules['jthreading'] = __import__('threading')\n"
                  f"exec(open({str(prog)!r}).read())"], tmp_path)
    assert (ours.returncode, ours.stdout) == (theirs.returncode, theirs.stdout), ours.stderr
