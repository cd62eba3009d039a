package io.jthreading.distributed;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Two coordinators on the shared test server: two ZooKeeper sessions, which is all that tells
 * two processes apart to ZooKeeper. The test classes that extend it run one after another.
 */
abstract class TwoSessions {
    static Coordinator one;
    static Coordinator two;

    @BeforeAll
    static void connect() {
        one = Zk.coordinator();
        two = Zk.coordinator();
    }

    @AfterAll
    static void close() {
        one.close();
        two.close();
    }
}
