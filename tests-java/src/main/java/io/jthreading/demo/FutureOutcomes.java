package io.jthreading.demo;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.jthreading.python.PythonException;
import io.jthreading.python.PythonFutures;

/**
 * What became of the plugin's futures, as Java sees them: each Python
 * {@code concurrent.futures.Future} reached the host as a {@link CompletableFuture}. A count
 * checks out only if the request's kind predicted it: a word count equal to the request's words,
 * a Python {@code ValueError} for an empty request, a cancellation for a low-priority one.
 */
record FutureOutcomes(long completed, long failed, long cancelled, long unexpected) {

    /** A request and the Java view of the plugin's future for it. */
    record Submitted(Request request, CompletableFuture<?> future) {
    }

    /** Waits (at most {@code bound}) for every future to settle, then sorts them. */
    static FutureOutcomes await(Collection<Submitted> submitted, Duration bound) throws Exception {
        CompletableFuture<?>[] settled = submitted.stream()
                .map(s -> s.future().handle((value, error) -> null))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(settled).get(bound.toMillis(), TimeUnit.MILLISECONDS);
        long completed = 0, failed = 0, cancelled = 0, unexpected = 0;
        for (Submitted s : submitted) {
            Request request = s.request();
            if (s.future().isCancelled()) {
                if (request.isLowPriority()) cancelled++; else unexpected++;
                continue;
            }
            try {
                // The result is a handle of a Python int: PythonFutures.value makes it a Long.
                Object words = PythonFutures.value(s.future().get());
                if (words instanceof Long n && n == request.words() && !request.isEmpty()) {
                    completed++;
                } else {
                    unexpected++;
                }
            } catch (ExecutionException error) {
                boolean expected = request.isEmpty()
                        && error.getCause() instanceof PythonException python
                        && python.getMessage().equals("ValueError: empty request " + request.id());
                if (expected) failed++; else unexpected++;
            }
        }
        return new FutureOutcomes(completed, failed, cancelled, unexpected);
    }
}
