"""Python's threading primitives across processes and machines, on ZooKeeper through Curator.

    from jthreading.distributed import Coordinator

    with Coordinator("zk1:2181,zk2:2181,zk3:2181") as coord:  # None: an embedded ZooKeeper
        with coord.Lock("jobs/db"):
            ...

Lock, RLock, Semaphore, BoundedSemaphore, Event, Barrier and Condition have threading's methods,
defaults, return values and exceptions; the same name is the same primitive in every process
connected to the ensemble (and in Java, io.jthreading.distributed). ZooKeeper failures raise
CoordinationError; a holding lost with its session raises SessionLostError.

Needs the JVM (``jthreading run``) and the distributed jars on the class path: ImportError
otherwise. ``import jthreading`` does not load this sub-package.
"""

from jthreading.distributed import _java  # noqa: F401  (ImportError when the jars are missing)
from jthreading.distributed._errors import CoordinationError, SessionLostError
from jthreading.distributed._locks import Lock, RLock
from jthreading.distributed._semaphore import BoundedSemaphore, Semaphore
from jthreading.distributed._event import Event
from jthreading.distributed._barrier import Barrier
from jthreading.distributed._condition import Condition
from jthreading.distributed._coordinator import Coordinator
from threading import BrokenBarrierError

__all__ = ["Coordinator", "CoordinationError", "SessionLostError", "BrokenBarrierError", "Lock",
           "RLock", "Semaphore", "BoundedSemaphore", "Event", "Barrier", "Condition"]
