"""Drop-in mode (`jthreading run --patch`, JTHREADING_PATCH=1, jthreading.patch()): the standard
library's threads, locks and conditions become jthreading's, which Java sees; without it nothing
changes. Each program runs in its own launcher process (this pytest process stays unpatched)."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import jthreading

LAUNCHER = Path(sys.executable).parent / "jthreading"
TIMEOUT = 120

#: Prepended to each program: Java's view of an object or of the threads.
PRELUDE = """
import sys, jep
Threads = jep.findClass("io.jthreading.Threads")
def java_is(obj, name):
    return isinstance(obj, jep.findClass(name).__pytype__)
def java_thread_names():
    return {str(t.getName()) for t in Threads.enumerate()}
"""


def run(tmp_path, body, *args, env=None, patch=True, via_python=False):
    script = tmp_path / "prog.py"
    script.write_text(PRELUDE + textwrap.dedent(body))
    command = ([sys.executable, "-m", "jthreading"] if via_python else [str(LAUNCHER)])
    command += ["run", *(["--patch"] if patch else []), str(script), *args]
    environment = dict(os.environ)
    environment.pop("JTHREADING_PATCH", None)  # only what the test asks for
    environment.update(env or {})
    return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True,
                          timeout=TIMEOUT, env=environment)


def ok(result, *expected):
    assert result.returncode == 0, result.stdout + result.stderr
    for line in expected:
        assert line in result.stdout.splitlines(), result.stdout + result.stderr
    return result


def test_this_process_is_not_patched():
    import threading
    assert threading is not jthreading
    for name in ("_shutdown", "_register_atexit", "_active", "_real_threading"):
        assert not hasattr(jthreading, name), name
    assert type(jthreading.Event()) is jthreading.Event  # the Java façade itself


def test_concurrent_futures_workers_and_futures_are_javas(tmp_path):
    ok(run(tmp_path, """
        import threading, concurrent.futures as cf
        with cf.ThreadPoolExecutor(2, thread_name_prefix="pool") as ex:
            seen = ex.submit(lambda: (threading.current_thread().name, java_thread_names()))
            name, names = seen.result(timeout=30)
            print("worker java thread", name in names and name.startswith("pool"))
            print("future condition", java_is(seen._condition, "io.jthreading.Condition"))
            print("map", list(ex.map(abs, [-1, -2], timeout=30)))
    """), "worker java thread True", "future condition True", "map [1, 2]")


def test_queue_logging_sched_use_jthreading_locks(tmp_path):
    ok(run(tmp_path, """
        import threading, queue, logging, sched, time, io
        q = queue.Queue()
        print("queue", java_is(q.mutex, "io.jthreading.Lock"),
              java_is(q.not_empty, "io.jthreading.Condition"))
        workers = [threading.Thread(target=lambda: q.put(threading.get_ident())) for _ in range(4)]
        for w in workers: w.start()
        got = sorted(q.get(timeout=30) for _ in workers)
        print("idents", got == sorted(w.ident for w in workers))
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.setFormatter(logging.Formatter("%(threadName)s %(message)s"))
        log = logging.getLogger("dropin"); log.addHandler(handler); log.setLevel(logging.INFO)
        t = threading.Thread(target=lambda: log.info("hello"), name="logger-thread")
        t.start(); t.join(30)
        print("logging", java_is(handler.lock, "io.jthreading.RLock"), stream.getvalue().strip())
        s = sched.scheduler(time.monotonic, time.sleep)
        s.enter(0, 1, lambda: print("sched ran"))
        s.run()
    """), "queue True True", "idents True", "logging True logger-thread hello", "sched ran")


def test_socketserver_pool_asyncio_subprocess(tmp_path):
    ok(run(tmp_path, """
        import threading, socket, socketserver, subprocess, asyncio
        import multiprocessing.dummy as dummy

        class Echo(socketserver.BaseRequestHandler):
            def handle(self):
                self.request.sendall(threading.current_thread().name.encode())

        with socketserver.ThreadingTCPServer(("127.0.0.1", 0), Echo) as server:
            serving = threading.Thread(target=server.serve_forever, daemon=True)
            serving.start()
            with socket.create_connection(server.server_address, timeout=30) as c:
                handler_thread = c.recv(100).decode()
            server.shutdown()
        print("socketserver", handler_thread.startswith("Thread-"))
        with dummy.Pool(3) as pool:
            print("dummy pool", pool.map(lambda x: x * 2, range(4)))
        async def main():
            return await asyncio.to_thread(lambda: threading.current_thread().name)
        print("to_thread", asyncio.run(main()) in java_thread_names() | {"asyncio_0"})
        try:
            subprocess.run([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.2)
        except subprocess.TimeoutExpired:
            print("subprocess timeout")
    """), "socketserver True", "dummy pool [0, 2, 4, 6]", "to_thread True", "subprocess timeout")


def test_subclasses_get_cpythons_algorithm_over_jthreading_locks(tmp_path):
    ok(run(tmp_path, """
        import threading
        class Flag(threading.Event): pass
        class Cond(threading.Condition): pass
        class Sem(threading.BoundedSemaphore): pass
        class Meet(threading.Barrier): pass
        flag, cond, sem, meet = Flag(), Cond(), Sem(2), Meet(2)
        print("isinstance", isinstance(flag, threading.Event), isinstance(sem, threading.Semaphore),
              isinstance(threading.Event(), threading.Event),
              isinstance(threading.BoundedSemaphore(), threading.Semaphore),
              issubclass(Sem, threading.Semaphore))
        print("inside", java_is(flag._cond, "io.jthreading.Condition"),
              java_is(cond._lock, "io.jthreading.RLock"))
        calls = threading.Thread(target=lambda: (meet.wait(30), flag.set()))
        calls.start()
        print("barrier", meet.wait(30) in (0, 1), "event", flag.wait(30))
        calls.join(30)
        with sem:
            pass
        try:
            sem.release()
        except ValueError as error:
            print("bounded", error)
        print("plain call", type(threading.Condition()).__module__, type(threading.Event()).__name__)
    """), "isinstance True True True True True", "inside True True", "barrier True event True",
       "bounded Semaphore released too many times", "plain call jthreading Event")


def test_exit_runs_atexit_calls_before_it_waits_for_workers(tmp_path):
    # The job ends only once the atexit call has run: joining the workers first would keep it
    # waiting its 30 s and print the lines the other way round.
    result = ok(run(tmp_path, """
        import threading, concurrent.futures as cf
        release = threading.Event()
        ex = cf.ThreadPoolExecutor(1)
        ex.submit(lambda: (release.wait(30), print("job done", flush=True)))
        def at_exit():
            print("atexit call", flush=True)
            release.set()
        threading._register_atexit(at_exit)
    """))
    assert result.stdout.splitlines()[-2:] == ["atexit call", "job done"], result.stdout


def test_register_atexit_after_shutdown_is_cpythons_error(tmp_path):
    ok(run(tmp_path, """
        import threading
        threading._shutdown()
        try:
            threading._register_atexit(print)
        except RuntimeError as error:
            print(error)
    """), "can't register atexit after shutdown")


def test_thread_module_stays_cpythons(tmp_path):
    ok(run(tmp_path, """
        import _thread, threading
        print("lock", type(_thread.allocate_lock()).__module__, "real kept",
              threading._real_threading.__name__, threading.__name__)
    """), "lock _thread real kept threading jthreading")


def test_env_variable_and_python_dash_m(tmp_path):
    body = "import threading\nprint('module', threading.__name__)\n"
    ok(run(tmp_path, body, patch=False, env={"JTHREADING_PATCH": "1"}), "module jthreading")
    ok(run(tmp_path, body, via_python=True), "module jthreading")
    ok(run(tmp_path, body, patch=False), "module threading")


def test_patch_call_reports_modules_that_bound_threading_first(tmp_path):
    (tmp_path / "early.py").write_text("import threading\n")
    result = ok(run(tmp_path, """
        import early, jthreading
        print("late", jthreading.patch(), jthreading.patch(), jthreading.patched_late())
        import threading
        print("module", threading.__name__, early.threading.__name__)
    """, patch=False), "late ['early'] ['early'] ['early']", "module jthreading threading")
    assert result.stderr.count("RuntimeWarning") == 1, result.stderr
