package io.jthreading.demo;

import java.util.ArrayDeque;

import io.jthreading.Condition;
import io.jthreading.Guard;
import io.jthreading.python.SharedLocal;

/**
 * A bounded queue of requests guarded by one jthreading {@link Condition}, shared by Java
 * producers and Python plugin consumers. {@link #take} also writes the request's context into a
 * thread-local that the Python plugin reads on the same thread.
 */
public final class WorkQueue {
    private final Condition changed = new Condition();
    private final ArrayDeque<Request> items = new ArrayDeque<>();
    private final int capacity;
    private final SharedLocal context;

    public WorkQueue(int capacity, SharedLocal context) {
        this.capacity = capacity;
        this.context = context;
    }

    /** Waits while the queue is full. */
    public void put(Request request) throws InterruptedException {
        try (Guard held = changed.guard()) {
            changed.waitFor(() -> items.size() < capacity, null);
            items.addLast(request);
            changed.notifyAllWaiters();
        }
    }

    /**
     * Waits for a request; before returning it, sets the calling thread's context (request id,
     * producer, phase) for the plugin code that handles it.
     */
    public Request take() throws InterruptedException {
        Request request;
        try (Guard held = changed.guard()) {
            changed.waitFor(() -> !items.isEmpty(), null);
            request = items.removeFirst();
            changed.notifyAllWaiters();
        }
        if (!request.isPhaseEnd()) {
            context.set("request_id", request.id());
            context.set("producer", request.producer());
            context.set("phase", request.phase());
        }
        return request;
    }
}
