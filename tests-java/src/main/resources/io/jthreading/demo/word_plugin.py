"""A Python plugin of the PluginHostDemo, written as plain Python: `queue`, `concurrent.futures`,
`logging` and `threading`. The host opened Python in drop-in mode, so `threading` is jthreading
for this module and for the standard library: the thread pool's workers, the futures' conditions
and the logging handler's lock are jthreading objects that Java shares.

`host` is the Java PluginHostDemo (set by the host). The work queue is the host's
io.jthreading.queue.SharedQueue, which Python sees as a `queue.Queue`.
"""

import logging
import queue
import threading
from concurrent.futures import ThreadPoolExecutor

import jthreading
from jthreading import futures

assert threading is jthreading, "the host opens Python in drop-in mode"

log = logging.getLogger("word_plugin")


class CountingHandler(logging.Handler):
    """Counts the records it gets (its lock, made by logging.Handler, is a jthreading RLock)."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = 0

    def emit(self, record):
        self.records += 1  # emit runs under self.lock


handler = CountingHandler()
log.addHandler(handler)
log.setLevel(logging.DEBUG)
log.propagate = False

pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="plugin-pool")
# Low-priority work waits until the host opens the gate; the host cancels it before that.
low_priority_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="plugin-low")
low_priority_pool.submit(host.lowPriorityGate().wait)
low_priority = []


def count_words(request):
    """The plugin's work, on a pool thread (a jthreading Thread, hence a Java thread)."""
    log.debug("counting request %d", request.id())
    host.tally().counted(request)
    words = str(request.text()).split()
    if not words:
        raise ValueError(f"empty request {request.id()}")
    return len(words)


def make_plugin_thread(name):
    """A thread for the host to start from Java: its JThread."""
    return threading.Thread(target=consume, name=name)._handle


def consume():
    work, phases, stop = host.work(), host.phases(), host.stop()
    assert isinstance(work, queue.Queue)
    context, tally = host.context(), host.tally()
    while not stop.is_set():
        request = work.get()
        try:
            if request.isPhaseEnd():
                phases.wait()  # this phase's work is all taken: meet the others
                continue
            host.enter(request)  # Java writes the request's context into this thread's local
            matched = (context.request_id == request.id()
                       and context.producer == request.producer()
                       and context.phase == request.phase()
                       and threading.current_thread().name.startswith("python-plugin-"))
            tally.consumed(request, matched)
            executor = low_priority_pool if request.isLowPriority() else pool
            future = executor.submit(count_words, request)
            if request.isLowPriority():
                low_priority.append(future)
            host.accept(request, futures.to_java(future))
        finally:
            work.task_done()


def logging_lock():
    return handler.lock


def log_records():
    return handler.records


def cancelled_low_priority():
    """How many deferred futures Python sees cancelled (the host cancelled them from Java)."""
    return sum(future.cancelled() for future in low_priority)


def finish():
    for executor in (pool, low_priority_pool):
        executor.shutdown(wait=True)
