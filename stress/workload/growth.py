"""Leak checks over the run's windows. The first windows are the warm-up (JIT, class loading,
the queues filling, malloc arenas for the threads); afterwards each figure must stay within a
margin of the warm-up's highest: a leak grows with the operations, so over a long run it leaves
any fixed margin behind."""

from workload.figures import MIB

#: figure: (factor, extra), the limit being factor * warm-up's highest + extra.
LIMITS = {
    "off_heap_live": (2.0, 1 * MIB),      # every jthreading primitive's shared state
    "heap_used": (1.0, 128 * MIB),        # after System.gc(), with the workers allocating
    "python_handles": (2.0, 20000),       # Python objects Java holds (queue items)
    "rss": (1.0, 256 * MIB),              # the whole process: JVM, CPython, native glue
}


class Growth:
    def __init__(self, checks, warmup_windows):
        self.checks = checks
        self.warmup_windows = warmup_windows
        self.warmup = []

    def limits(self):
        return {key: factor * max(w[key] for w in self.warmup) + extra
                for key, (factor, extra) in LIMITS.items()} if self.warmup else {}

    def add(self, figures, when):
        if len(self.warmup) < self.warmup_windows:
            self.warmup.append(figures)
            return
        for key, limit in self.limits().items():
            self.checks.check(figures[key] <= limit, f"{key} {when} is {figures[key]:,}, above "
                              f"{int(limit):,} (the warm-up's highest with its margin): a leak")


#: figure: how much more than at the start it may be at the end, once every worker has ended
#: and nothing the workload made is reachable: the exact leak check.
AT_END = {
    "heap_used": 32 * MIB,
    "off_heap_live": 256 * 1024,
    "python_handles": 100,
}


def check_end(checks, start, end):
    for key, extra in AT_END.items():
        checks.check(end[key] <= start[key] + extra, f"{key} is {end[key]:,} at the end, "
                     f"{start[key]:,} at the start: more than {extra:,} left behind (a leak)")
