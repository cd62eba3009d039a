"""Faults (issue 13): the Java heap runs out while Python and Java threads wait on jthreading
primitives.

A launcher subprocess with a small heap (-Xmx via JAVA_TOOL_OPTIONS, which every JVM reads):
Python threads wait on a Lock, a Condition, an Event, a Semaphore, a Queue and a Barrier, Java
threads on an Event and a Semaphore, while a Java thread (io.jthreading.testkit.HeapHog)
allocates until OutOfMemoryError and holds the heap full (refilled before each step). Meanwhile
the main thread goes through wait paths on primitives made before (and makes new ones): each
must succeed or raise MemoryError (Jep's mapping of OutOfMemoryError; see JEP_UNWRAPPABLE for
what some paths raise still); never crash. Then the hog lets go, every waiter is signalled and
must wake with its normal result, and the process must exit cleanly.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

LAUNCHER = Path(sys.executable).parent / "jthreading"
TESTKIT = Path(__file__).resolve().parent.parent / "tests-java" / "target" / "classes"
HEAP = "-Xmx64m"

SCRIPT = r'''
import json, sys
import jep
import jthreading
import jthreading.queue

B = 60

def java(name):
    return jep.findClass(name.encode().decode())

HeapHog = java("io.jthreading.testkit.HeapHog")
JavaWorkers = java("io.jthreading.testkit.JavaWorkers")
AtomicBoolean = java("java.util.concurrent.atomic.AtomicBoolean")

lock, cond, event = jthreading.Lock(), jthreading.Condition(), jthreading.Event()
sem, queue, barrier = jthreading.Semaphore(0), jthreading.queue.Queue(), jthreading.Barrier(2)
flag = []
lock.acquire()
results = {}

def waiter(name, wait):
    def run():
        results[name] = wait()
    thread = jthreading.Thread(target=run, name=name)
    thread.start()
    return thread

def cond_wait():
    with cond:
        return bool(cond.wait_for(lambda: flag, B))

python_waiters = [
    waiter("Lock", lambda: lock.acquire(timeout=B)),
    waiter("Condition", cond_wait),
    waiter("Event", lambda: event.wait(B)),
    waiter("Semaphore", lambda: sem.acquire(timeout=B)),
    waiter("Queue", lambda: queue.get(timeout=B)),
    waiter("Barrier", lambda: barrier.wait(B) in (0, 1)),
]
java_started, java_event_result = jthreading.Event(), AtomicBoolean()
java_waiters = [JavaWorkers.startWaiter(java_started, event, java_event_result),
                JavaWorkers.startSemaphoreTaker(sem, jthreading.Event())]
assert java_started.wait(B)

def outcome(operation):
    try:
        HeapHog.refill()  # what the JVM freed since (soft references, caches): full again
    except (MemoryError, RuntimeError):  # so full that even this call could not start
        pass
    try:
        operation()
        return "ok"
    except MemoryError:
        return "MemoryError"
    except RuntimeError as error:
        return "RuntimeError: " + str(error)
    except BaseException as error:  # anything else is a fault
        return "unexpected " + repr(error)

# Made before the heap runs out: what runs while it is out is the wait paths themselves.
ready_lock, ready_cond, ready_event = jthreading.Lock(), jthreading.Condition(), jthreading.Event()
ready_sem, ready_queue = jthreading.Semaphore(1), jthreading.queue.Queue()
ready_thread = jthreading.Thread(target=lambda: None)

def condition_wait():
    with ready_cond:
        ready_cond.wait(0.001)

def queue_get():
    try:
        ready_queue.get(timeout=0.001)
    except jthreading.queue.Empty:  # the put before may have failed
        pass

def thread_start():
    ready_thread.start()
    ready_thread.join(B)

waits = [
    ("Lock.acquire", lambda: ready_lock.acquire(timeout=0.001) and ready_lock.release()),
    ("Condition.wait", condition_wait),
    ("Event.wait", lambda: ready_event.wait(0.001)),
    ("Semaphore.acquire", lambda: ready_sem.acquire(timeout=0.001) and ready_sem.release()),
    ("Queue.put", lambda: ready_queue.put(object())),
    ("Queue.get", queue_get),
    ("Thread.start", thread_start),
]
# Making new objects needs Java memory too: Jep's limit, see the test.
makers = [("Lock()", jthreading.Lock), ("Condition()", jthreading.Condition),
          ("Event()", jthreading.Event), ("Queue()", jthreading.queue.Queue)]

exhausted, released = jthreading.Event(), jthreading.Event()
hog = HeapHog.start(exhausted, 3.0, released)  # holds the heap full 3 s at most
assert exhausted.wait(B)
starved = {name: outcome(op) for name, op in waits}
made = {name: outcome(op) for name, op in makers}

def retry_while_starved(call):
    # until the hog has let go (at most its hold), a call into Java may still lack memory
    for _ in range(10**6):
        try:
            return call()
        except (MemoryError, RuntimeError):  # RuntimeError: Jep could not wrap the Java error
            pass

retry_while_starved(HeapHog.letGo)
assert retry_while_starved(lambda: released.wait(B))
java("java.lang.System").gc()

# The heap is back: every waiter wakes normally when signalled.
lock.release()
with cond:
    flag.append(1)
    cond.notify_all()
event.set()
sem.release(2)
queue.put("item")
main_barrier = barrier.wait(B) in (0, 1)
for thread in python_waiters:
    thread.join(B)
for thread in java_waiters:
    thread.join(B * 1000)
print(json.dumps({
    "out of memory errors": int(HeapHog.failures()),
    "starved": starved, "made": made,
    "results": results,
    "main barrier": main_barrier,
    "alive": [t.name for t in python_waiters if t.is_alive()]
             + [str(t.getName()) for t in java_waiters if t.isAlive()],
    "java event waiter": bool(java_event_result.get()),
}), flush=True)
'''

#: Jep raises this RuntimeError when it cannot even wrap the Java exception (its getStackTrace
#: or its wrapper needs memory); jthreading's border turns it into MemoryError where a façade
#: maps Java exceptions (jthreading._border.python_error), not yet on every path (constructors,
#: some fast-path fallbacks): recorded in issue 13, accepted here as "not a crash".
JEP_UNWRAPPABLE = "RuntimeError: wrapping java exception in pyjobject failed."
ALLOWED = {"ok", "MemoryError", JEP_UNWRAPPABLE}


@pytest.mark.timeout(180)
def test_waiters_wake_normally_after_the_java_heap_ran_out(tmp_path):
    prog = tmp_path / "oom.py"
    prog.write_text(SCRIPT)
    env = dict(os.environ, CLASSPATH=str(TESTKIT), JAVA_TOOL_OPTIONS=HEAP)
    done = subprocess.run([str(LAUNCHER), "run", str(prog)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=150)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    print(json.dumps(result))
    assert result["out of memory errors"] > 0  # the heap really ran out
    starved, made = result["starved"], result["made"]
    assert set(starved.values()) <= ALLOWED, starved
    assert "MemoryError" in starved.values()  # the heap was out while they ran
    assert set(made.values()) <= ALLOWED, made
    assert result["results"] == {"Lock": True, "Condition": True, "Event": True,
                                 "Semaphore": True, "Queue": "item", "Barrier": True}
    assert result["main barrier"] and result["java event waiter"]
    assert result["alive"] == []
