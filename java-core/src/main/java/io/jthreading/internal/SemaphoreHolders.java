package io.jthreading.internal;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which threads hold a semaphore's permits, as far as Java saw: for the thread dump and the
 * deadlock finder ("Semaphore holders where known").
 *
 * <p>Only takes and gives that go through Java are seen; the native fast path takes and gives
 * permits in C. So that no holder is left behind by a give Java did not see, the number of
 * holdings tracked here is mirrored into the semaphore's memory ({@link SemaphoreSync}'s
 * TRACKED), and C gives no permit back itself while it is not 0: Java then does, and forgets a
 * holding. A permit given back by another thread than the one that took it (a semaphore has no
 * owner) forgets the giver's holding if it has one, else any one: the count stays right, the
 * names may not.
 */
final class SemaphoreHolders {
    private final ConcurrentHashMap<Long, Integer> holdings = new ConcurrentHashMap<>();

    /** The calling thread took a permit. Returns 1: holdings added. */
    int took(long ident) {
        holdings.merge(ident, 1, Integer::sum);
        return 1;
    }

    /** {@code n} permits were given back by {@code ident}; returns how many holdings went. */
    int gave(long ident, long n) {
        int forgotten = 0;
        while (forgotten < n) {
            if (forgetOne(ident) || forgetAny()) {
                forgotten++;
            } else {
                break; // no holding left: the permits were taken where Java did not see
            }
        }
        return forgotten;
    }

    private boolean forgetOne(long ident) {
        boolean[] forgot = new boolean[1];
        holdings.computeIfPresent(ident, (key, count) -> {
            forgot[0] = true;
            return count > 1 ? count - 1 : null;
        });
        return forgot[0];
    }

    private boolean forgetAny() {
        Iterator<Map.Entry<Long, Integer>> entries = holdings.entrySet().iterator();
        while (entries.hasNext()) {
            if (forgetOne(entries.next().getKey())) {
                return true;
            }
        }
        return false;
    }

    /** The idents holding permits now (a racy snapshot). */
    long[] idents() {
        return holdings.keySet().stream().mapToLong(Long::longValue).toArray();
    }
}
