package io.jthreading.bench.jmh;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.jthreading.Lock;
import io.jthreading.RLock;
import io.jthreading.Semaphore;

/**
 * Issue 5, P3: one thread takes and gives back a free primitive, jthreading's against
 * java.util.concurrent's. benchmarks/jmh_results.py pairs these methods into the table's rows.
 *
 * <p>3 forks of 2 + 3 iterations of 1 s: at ~5 ns per operation a single fork's JIT and memory
 * layout move a figure by ~1 ns (20%), more than the differences measured, so the median is taken
 * over several forks; still short enough that the whole benchmark command stays a few minutes.
 * {@code -Djmh.args="-f 5"} etc. on the Maven command line asks for more.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class Uncontended {
    private final Lock lock = new Lock();
    private final RLock rlock = new RLock();
    private final Semaphore semaphore = new Semaphore(1);
    private final ReentrantLock reentrantLock = new ReentrantLock();
    private final java.util.concurrent.Semaphore jucSemaphore =
            new java.util.concurrent.Semaphore(1);

    @Benchmark
    public void lockLockUnlock() {
        lock.lock();
        lock.unlock();
    }

    @Benchmark
    public void lockAcquireRelease() throws InterruptedException {
        lock.acquire();
        lock.release();
    }

    @Benchmark
    public void rlockLockUnlock() {
        rlock.lock();
        rlock.unlock();
    }

    @Benchmark
    public void rlockAcquireRelease() throws InterruptedException {
        rlock.acquire();
        rlock.release();
    }

    @Benchmark
    public void semaphoreAcquireRelease() throws InterruptedException {
        semaphore.acquire();
        semaphore.release();
    }

    @Benchmark
    public void reentrantLockLockUnlock() {
        reentrantLock.lock();
        reentrantLock.unlock();
    }

    @Benchmark
    public void jucSemaphoreAcquireRelease() throws InterruptedException {
        jucSemaphore.acquire();
        jucSemaphore.release();
    }
}
