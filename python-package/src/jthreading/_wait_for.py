"""``Condition.wait_for``'s loop, for every Condition façade (in-process and distributed).

The predicate is a Python callable, so the loop runs in Python. CPython's order: the predicate
first; the timeout is one deadline over all the waits, taken at the first wait.
"""

from time import monotonic as _time


def wait_for(condition, predicate, timeout=None):
    deadline = None
    remaining = timeout
    result = predicate()
    while not result:
        if remaining is not None:
            if deadline is None:
                deadline = _time() + remaining
            else:
                remaining = deadline - _time()
                if remaining <= 0:
                    break
        condition.wait(remaining)
        result = predicate()
    return result
