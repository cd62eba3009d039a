"""What the deadlock watchdog costs (issue 13): the contended rows, jthreading with a watchdog
looking every 0.1 s (50x more often than the default 5 s) against jthreading without one, in the
same process, alternately. Waits are recorded for the dump and the finder either way (only where
a thread parks): what is measured here is the looking.

ratio = with the watchdog / without; 1.0 means it costs nothing measurable.
"""

import contended
import scaling
from operations import SIZES
from javaside import Row

SECTION = "watchdog"
INTERVAL = 0.1


def _never_called(cycle):  # the rows deadlock nothing; a report would be a finder bug
    raise AssertionError(f"the watchdog reported a deadlock in a benchmark: {cycle}")


def rows(jthreading):
    def measured(fn):
        def with_watchdog():
            with jthreading.watchdog(INTERVAL, hook=_never_called):
                return fn(jthreading)
        return with_watchdog, lambda: fn(jthreading)

    cases = [
        ("Condition notify/wait ping-pong, 2 threads",
         lambda m: contended.condition_pingpong(m, SIZES["rounds"]), "ns/rt"),
        ("Semaphore(0) release->acquire ping-pong",
         lambda m: contended.semaphore_pingpong(m, SIZES["rounds"]), "ns/rt"),
        ("Barrier(2) round, 2 threads",
         lambda m: contended.barrier_rounds(m, SIZES["rounds"]), "ns/round"),
        ("Lock: with lock: counter += 1, 8 threads",
         lambda m: scaling.lock_counter(m, 8, scaling.SIZES["ops"]), "ns/op"),
        ("Condition producers/consumers, 8 threads",
         lambda m: scaling.condition_handoff(m, 8, scaling.SIZES["ops"]), "ns/op"),
    ]
    out = []
    for name, fn, unit in cases:
        with_it, without = measured(fn)
        out.append(Row(SECTION, f"{name}, watchdog every {INTERVAL} s", unit, with_it,
                       "jthreading, no watchdog", without, 1.1))
    return out
