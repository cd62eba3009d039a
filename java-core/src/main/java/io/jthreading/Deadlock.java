package io.jthreading;

import java.util.List;

/**
 * A cycle of threads each waiting on a primitive the next one holds (the last's held by the
 * first), found by {@link Threads#findDeadlocks()}, whatever mix of Java and Python threads.
 *
 * <p>"Holds" is what the primitive knows: an RLock's owner, a Lock's last acquirer (a plain lock
 * has no owner: any other thread could still release it), a Semaphore's holders where Java saw
 * the acquire, a thread being joined.
 */
public record Deadlock(List<Link> links) {
    /** One thread of the cycle and what it waits on. */
    public record Link(long ident, String threadName, java.lang.Thread javaThread, Object waitsOn,
                       String operation, long waitingNanos) {
        @Override
        public String toString() {
            return ThreadDump.describeThread(threadName, ident) + " waits in " + operation + " on "
                    + ThreadDump.describePrimitive(waitsOn);
        }
    }

    public Deadlock {
        links = List.copyOf(links);
    }

    /** "A" (ident 1) waits in acquire on X, held by "B" (ident 2), which waits in ..., held by "A". */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Link link : links) {
            text.append(text.length() == 0 ? "" : ", which ").append(link).append(", held by ");
        }
        Link first = links.get(0);
        return text.append(ThreadDump.describeThread(first.threadName(), first.ident())).toString();
    }
}
