package io.jthreading.distributed;

import org.apache.curator.framework.recipes.locks.StandardLockInternalsDriver;

/**
 * Curator's mutex driver, ordering contenders by ZooKeeper's sequence suffix alone.
 *
 * <p>Curator orders a lock's child nodes by the text after "lock-", and a node without it by its
 * whole name. Other clients name their nodes otherwise (kazoo's Lock: {@code <uuid>__lock__<seq>}),
 * so Curator would put their holder anywhere in the queue and take the lock while they hold it.
 * Every contender's node ends with the 10-digit sequence ZooKeeper appended under the same parent,
 * so ordering by that suffix gives one queue to all of them.
 */
final class SequenceOrder extends StandardLockInternalsDriver {
    private static final int SEQUENCE_DIGITS = 10;

    @Override
    public String fixForSorting(String name, String lockName) {
        if (endsWithSequence(name)) {
            return name.substring(name.length() - SEQUENCE_DIGITS);
        }
        return super.fixForSorting(name, lockName);
    }

    private static boolean endsWithSequence(String name) {
        if (name.length() < SEQUENCE_DIGITS) {
            return false;
        }
        for (int i = name.length() - SEQUENCE_DIGITS; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
