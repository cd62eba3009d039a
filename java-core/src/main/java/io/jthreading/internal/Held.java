package io.jthreading.internal;

/**
 * A primitive that can say which threads hold it, so that a thread waiting on it waits for them
 * (an edge of the wait-for graph). Answers are a racy snapshot; an empty array means "nobody, or
 * not known".
 */
public interface Held {
    long[] NONE = new long[0];

    /** The idents ({@link io.jthreading.Threads#identOf}) of the threads holding it now. */
    long[] holderIdents();
}
