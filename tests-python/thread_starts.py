"""Starting a jthreading.Thread as a test asks: from Python (``thread.start()``) or from Java
(``JThread.start()`` on its Java handle, io.jthreading.testkit.MatrixWorkers), and joining it
within a bound, so that a test that hangs fails instead."""

from jthreading._embedding import java_class

MatrixWorkers = java_class("io.jthreading.testkit.MatrixWorkers")

BOUND = 30  # seconds


def start(thread, from_java):
    if from_java:
        assert MatrixWorkers.startFromJava(thread._handle) is None
    else:
        thread.start()


def start_and_join(thread, from_java):
    start(thread, from_java)
    thread.join(BOUND)
    assert not thread.is_alive()
