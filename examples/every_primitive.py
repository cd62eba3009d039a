"""Every jthreading primitive across threads: `jthreading run every_primitive.py`.

A pipeline of worker threads: they count under a Lock and an RLock, hand items over a bounded
buffer guarded by a Condition, limit concurrency with a (Bounded)Semaphore, meet at a Barrier
whose action runs once per round, keep per-thread state in a local, and stop on an Event set by
a Timer. Prints one line per check and exits 1 if any is off.
"""

import sys

import jthreading as threading

WORKERS = 4
ROUNDS = 3
ITEMS = 200

lock = threading.Lock()
rlock = threading.RLock()
buffer_ready = threading.Condition(threading.Lock())
buffer = []
slots = threading.BoundedSemaphore(2)
inside = threading.Semaphore(0)
rounds_done = []
barrier = threading.Barrier(WORKERS, action=lambda: rounds_done.append(len(rounds_done)))
stop = threading.Event()
mine = threading.local()
totals = {"locked": 0, "reentrant": 0, "taken": 0, "max_inside": 0, "locals_ok": 0}
inside_now = [0]


def produce():
    for item in range(ITEMS):
        with buffer_ready:
            buffer_ready.wait_for(lambda: len(buffer) < 8, timeout=10)
            buffer.append(item)
            buffer_ready.notify_all()


def worker(index):
    mine.index = index
    for _ in range(ROUNDS):
        for _ in range(100):
            with lock:
                totals["locked"] += 1
            with rlock, rlock:
                totals["reentrant"] += 1
        with slots:
            with lock:
                inside_now[0] += 1
                totals["max_inside"] = max(totals["max_inside"], inside_now[0])
            inside.release()
            inside.acquire()
            with lock:
                inside_now[0] -= 1
        barrier.wait(timeout=30)
    while True:
        with buffer_ready:
            if not buffer_ready.wait_for(lambda: buffer or stop.is_set(), timeout=10):
                break
            if not buffer and stop.is_set():
                break
            if buffer:
                buffer.pop()
                totals["taken"] += 1
                buffer_ready.notify_all()
    if mine.index == index:
        with lock:
            totals["locals_ok"] += 1


def main():
    threads = [threading.Thread(target=worker, args=(i,), name=f"worker-{i}")
               for i in range(WORKERS)]
    producer = threading.Thread(target=produce, name="producer")
    for thread in threads + [producer]:
        thread.start()
    producer.join(timeout=60)

    def finish():
        with buffer_ready:
            stop.set()
            buffer_ready.notify_all()

    timer = threading.Timer(0.05, finish)
    timer.start()
    for thread in threads:
        thread.join(timeout=60)
    timer.join(timeout=10)

    checks = {
        "no thread left running": not any(t.is_alive() for t in threads + [producer, timer]),
        "Lock counted every increment": totals["locked"] == WORKERS * ROUNDS * 100,
        "RLock counted every increment": totals["reentrant"] == WORKERS * ROUNDS * 100,
        "BoundedSemaphore let at most 2 in": 1 <= totals["max_inside"] <= 2,
        "Barrier action ran once per round": rounds_done == list(range(ROUNDS)),
        "Condition handed over every item": totals["taken"] == ITEMS,
        "Event stopped the workers": stop.is_set(),
        "local kept each thread's value": totals["locals_ok"] == WORKERS,
        "active_count back to 1": threading.active_count() == 1,
    }
    for name, ok in checks.items():
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
