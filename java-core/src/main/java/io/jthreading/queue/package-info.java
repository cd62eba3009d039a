/**
 * Queues shared by Java and Python: Python's {@code queue.Queue}, {@code LifoQueue},
 * {@code PriorityQueue} and {@code SimpleQueue} (from Python, {@code jthreading.queue}) that are
 * also {@link java.util.concurrent.BlockingQueue}s. Java objects cross as themselves; Python
 * objects as {@link io.jthreading.python.PythonObject} handles that Python turns back into the
 * very object. See {@link io.jthreading.queue.SharedQueue}.
 */
package io.jthreading.queue;
