package dev.arbiter.authority.provenance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CombiningLockTest {

    @Test
    @Timeout(60)
    void everyPieceRunsOnceUnderTheLockAndItsOwnerGetsItsResult() throws Exception {
        CombiningLock lock = new CombiningLock();
        int[] counter = {0}; // guarded by the lock
        AtomicInteger inside = new AtomicInteger();
        int threads = 32;
        int each = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Integer>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Integer> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        if (i % 97 == 0) { // readers taking the lock directly, interleaved with combined work
                            lock.lock();
                            try {
                                assertThat(inside.incrementAndGet()).isEqualTo(1);
                                inside.decrementAndGet();
                            } finally {
                                lock.unlock();
                            }
                        }
                        mine.add(lock.combine(() -> {
                            assertThat(lock.isHeldByCurrentThread()).isTrue();
                            assertThat(inside.incrementAndGet()).isEqualTo(1);
                            int value = counter[0]++;
                            inside.decrementAndGet();
                            return value;
                        }));
                    }
                    return mine;
                }));
            }
            start.countDown();
            Set<Integer> all = new HashSet<>();
            for (Future<List<Integer>> f : futures) {
                List<Integer> mine = f.get(50, TimeUnit.SECONDS);
                // one thread's pieces run in the order it queued them
                for (int i = 1; i < mine.size(); i++) {
                    assertThat(mine.get(i)).isGreaterThan(mine.get(i - 1));
                }
                all.addAll(mine);
            }
            assertThat(all).hasSize(threads * each);
            assertThat(counter[0]).isEqualTo(threads * each);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(60)
    void aFailureReachesTheOwnerOfThePieceThatThrewAndNoOther() throws Exception {
        CombiningLock lock = new CombiningLock();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    StringBuilder outcomes = new StringBuilder();
                    for (int i = 0; i < 1_000; i++) {
                        int n = i;
                        try {
                            int v = lock.combine(() -> {
                                if (n % 10 == thread % 10) {
                                    throw new IllegalStateException("piece " + thread + "/" + n);
                                }
                                return n;
                            });
                            assertThat(v).isEqualTo(n);
                            outcomes.append('.');
                        } catch (IllegalStateException e) {
                            assertThat(e).hasMessage("piece " + thread + "/" + n);
                            outcomes.append('x');
                        }
                    }
                    return outcomes.toString();
                }));
            }
            for (Future<String> f : futures) {
                String outcomes = f.get(50, TimeUnit.SECONDS);
                assertThat(outcomes.chars().filter(c -> c == 'x').count()).isEqualTo(100);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInterruptedWaiterStillGetsItsResultAndKeepsTheFlag() throws Exception {
        CombiningLock lock = new CombiningLock();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            lock.lock();
            try {
                holding.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock(); // runs the waiter's queued piece
            }
        });
        holder.start();
        holding.await();
        int[] result = new int[1];
        boolean[] flag = new boolean[1];
        Thread waiter = new Thread(() -> {
            result[0] = lock.combine(() -> 42);
            flag[0] = Thread.currentThread().isInterrupted();
        });
        waiter.start();
        while (waiter.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        waiter.interrupt();
        Thread.sleep(20);
        release.countDown();
        waiter.join(10_000);
        holder.join(10_000);
        assertThat(result[0]).isEqualTo(42);
        assertThat(flag[0]).isTrue();
    }

    @Test
    void combiningWhileHoldingTheLockIsRefused() {
        CombiningLock lock = new CombiningLock();
        lock.lock();
        try {
            assertThatThrownBy(() -> lock.combine(() -> 1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("holding the lock");
        } finally {
            lock.unlock();
        }
    }
}
