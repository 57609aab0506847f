package dev.arbiter.authority.provenance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The group commit's protocol on its own, with a drain that only says how far lines were queued and a force that
 * takes as long as the test says.
 */
class GroupCommitTest {

    @TempDir
    Path dir;

    /**
     * A force that first spins for as long as the test says, then forces a real file as the ledger does (through
     * {@link java.io.FileDescriptor#sync()}, which an interrupt does not abort), and fails at the force the test names.
     */
    static final class SlowForce implements GroupCommit.Force, AutoCloseable {
        private final RandomAccessFile real;
        volatile long forceMillis;
        /** The force (1 for the first) that fails once its time has passed; 0: none. */
        volatile int failingForce;
        final AtomicInteger forcesStarted = new AtomicInteger();
        /** The names of the threads that forced. */
        final java.util.Set<String> forcedOn = java.util.concurrent.ConcurrentHashMap.newKeySet();

        SlowForce(RandomAccessFile real, long forceMillis) {
            this.real = real;
            this.forceMillis = forceMillis;
        }

        @Override
        public void force() throws IOException {
            int n = forcesStarted.incrementAndGet();
            forcedOn.add(Thread.currentThread().getName());
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(forceMillis);
            // not Thread.sleep: a real force does not end early when the thread is interrupted
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            real.getFD().sync();
            if (n == failingForce) {
                throw new IOException("no space left on device");
            }
        }

        boolean isOpen() {
            try {
                return real.getFD().valid();
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            real.close();
        }
    }

    /** Lines "queued" by ends only; the drain returns how far they reach when it is called. */
    static final class Lines {
        final AtomicLong queuedEnd = new AtomicLong();
        final List<Long> drained = new ArrayList<>();

        synchronized long drain() {
            long end = queuedEnd.get();
            drained.add(end);
            return end;
        }

        synchronized List<Long> drained() {
            return List.copyOf(drained);
        }
    }

    private SlowForce channel(long forceMillis) throws IOException {
        return new SlowForce(new RandomAccessFile(dir.resolve("ledger.jsonl").toFile(), "rw"), forceMillis);
    }

    /** One append: begin, queue a line of 10 bytes, wait until it is durable, end; returns its end. */
    /** What one appender thread does; {@code t} is its number. */
    private interface Appender {
        void run(int t) throws Exception;
    }

    /**
     * Runs {@code body} on {@code threads} threads at once, waits up to a minute for each (asserting that it ended),
     * and returns the first thing a thread threw, or null.
     */
    private static Throwable onThreads(int threads, Appender body) throws InterruptedException {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int number = t;
            Thread w = new Thread(() -> {
                try {
                    body.run(number);
                } catch (Throwable e) {
                    failed.compareAndSet(null, e);
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(w.isAlive()).isFalse();
        }
        return failed.get();
    }

    private static long append(GroupCommit commit, Lines lines) throws IOException {
        commit.begin();
        try {
            long end = lines.queuedEnd.addAndGet(10);
            commit.queued();
            commit.awaitDurable(end);
            return end;
        } finally {
            commit.end();
        }
    }

    /** {@link #append}, waiting as a virtual thread does: the force thread writes and forces the line. */
    private static long appendWaitingForTheForceThread(GroupCommit commit, Lines lines) throws IOException {
        commit.begin();
        try {
            long end = lines.queuedEnd.addAndGet(10);
            commit.queued();
            commit.awaitForceThread(end);
            return end;
        } finally {
            commit.end();
        }
    }

    @Test
    void appendsThatWaitForTheForceThreadReturnOnlyOnceAForceCoversThemAndShareForcesWithLeaders() throws Exception {
        Lines lines = new Lines();
        try (SlowForce ch = channel(1)) {
            GroupCommit commit = new GroupCommit(ch, lines::drain, 0);
            int threads = 8;
            int each = 100;
            AtomicInteger uncovered = new AtomicInteger();
            Throwable failed = onThreads(threads, t -> {
                for (int i = 0; i < each; i++) {
                    long end = t % 2 == 0 ? append(commit, lines) : appendWaitingForTheForceThread(commit, lines);
                    if (lines.drained().stream().noneMatch(d -> d >= end)) {
                        uncovered.incrementAndGet(); // returned before a drain reached its line
                    }
                }
            });

            assertThat(failed).isNull();
            assertThat(uncovered.get()).isZero();
            assertThat(lines.drained()).last().isEqualTo((long) threads * each * 10);
            assertThat(commit.forces()).isLessThan((long) threads * each / 2);
            assertThat(ch.forcedOn).contains("arbiter-ledger-force");
            commit.close();
        }
    }

    @Test
    void anAppendAloneThatWaitsForTheForceThreadIsForcedThere() throws Exception {
        Lines lines = new Lines();
        try (SlowForce ch = channel(20)) {
            GroupCommit commit = new GroupCommit(ch, lines::drain, 0);
            for (int i = 1; i <= 3; i++) {
                assertThat(appendWaitingForTheForceThread(commit, lines)).isEqualTo(10L * i);
            }
            assertThat(ch.forcedOn).containsExactly("arbiter-ledger-force");
            assertThat(commit.forces()).isEqualTo(3);
            commit.close();
        }
    }

    @Test
    void anInterruptedAppendWaitingForTheForceThreadGivesUpAndTheForceGoesOn() throws Exception {
        Lines lines = new Lines();
        try (SlowForce ch = channel(300)) {
            GroupCommit commit = new GroupCommit(ch, lines::drain, 0);
            AtomicReference<Throwable> waiterFailed = new AtomicReference<>();
            AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    appendWaitingForTheForceThread(commit, lines);
                } catch (Throwable e) {
                    waiterFailed.set(e);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            waiter.start();
            while (ch.forcesStarted.get() == 0) {
                Thread.onSpinWait();
            }
            waiter.interrupt();
            waiter.join(TimeUnit.SECONDS.toMillis(30));

            assertThat(waiterFailed.get()).isInstanceOf(InterruptedIOException.class);
            assertThat(stillInterrupted.get()).isTrue();
            assertThat(append(commit, lines)).isEqualTo(20L); // the force went on; the next one covers both lines
            assertThat(lines.drained()).last().isEqualTo(20L);
            commit.close();
        }
    }

    @Test
    void aFailedForceFailsAnAppendWaitingForTheForceThreadAndEveryLaterOne() throws Exception {
        Lines lines = new Lines();
        try (SlowForce ch = channel(5)) {
            ch.failingForce = 1;
            GroupCommit commit = new GroupCommit(ch, lines::drain, 0);
            assertThatThrownBy(() -> appendWaitingForTheForceThread(commit, lines)).isInstanceOf(IOException.class)
                    .hasMessageContaining("force");
            assertThatThrownBy(() -> appendWaitingForTheForceThread(commit, lines)).isInstanceOf(IOException.class)
                    .hasMessageContaining("earlier force");
            assertThatThrownBy(() -> append(commit, lines)).isInstanceOf(IOException.class);
            commit.close();
        }
    }

    @Test
    void virtualThreadsLeaveTheForcesToTheForceThread() throws Exception {
        java.lang.reflect.Method perTask;
        try {
            perTask = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        } catch (NoSuchMethodException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "this runtime has no virtual threads");
            return;
        }
        Lines lines = new Lines();
        try (SlowForce ch = channel(1)) {
            GroupCommit commit = new GroupCommit(ch, lines::drain, 0);
            java.util.concurrent.ExecutorService virtual = (java.util.concurrent.ExecutorService) perTask.invoke(null);
            List<java.util.concurrent.Future<Long>> appends = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                appends.add(virtual.submit(() -> append(commit, lines)));
            }
            for (java.util.concurrent.Future<Long> f : appends) {
                long end = f.get(60, TimeUnit.SECONDS);
                assertThat(lines.drained()).anyMatch(d -> d >= end);
            }
            virtual.shutdown();
            assertThat(VirtualThreads.current()).isFalse();
            assertThat(ch.forcedOn).containsExactly("arbiter-ledger-force");
            assertThat(lines.drained()).last().isEqualTo(2_000L);
            commit.close();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1_000_000})
    void everyAppendReturnsOnlyOnceAForceCoversItsLineAndForcesAreShared(long delayNanos) throws Exception {
        Lines lines = new Lines();
        try (SlowForce ch = channel(2)) {
            GroupCommit commit = new GroupCommit(ch, lines::drain, 0, delayNanos);
            int threads = 16;
            int each = 40;
            AtomicInteger uncovered = new AtomicInteger();
            Throwable failed = onThreads(threads, t -> {
                for (int i = 0; i < each; i++) {
                    long end = append(commit, lines);
                    // a drain that reached the line was followed by a force that ended before this returned
                    if (lines.drained().stream().noneMatch(d -> d >= end)) {
                        uncovered.incrementAndGet();
                    }
                }
            });
            assertThat(failed).isNull();
            assertThat(uncovered.get()).isZero();
            assertThat(commit.forces()).isEqualTo(ch.forcesStarted.get()).isBetween(1L, (long) threads * each);
            // with forces of 2 ms, sixteen appenders share them: far fewer forces than appends
            assertThat(commit.forces()).isLessThan((long) threads * each / 2);
        }
    }

    @Test
    void withADelayALeaderWaitsForAnAppendInProgressSoOneForceCoversBoth() throws Exception {
        Lines lines = new Lines();
        try (SlowForce ch = channel(50)) {
            GroupCommit commit = new GroupCommit(ch, lines::drain, 0, TimeUnit.SECONDS.toNanos(5));
            append(commit, lines);
            assertThat(commit.forces()).isEqualTo(1);

            commit.begin(); // an append that has begun and is preparing its record
            CountDownLatch leaderStarted = new CountDownLatch(1);
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread leader = new Thread(() -> {
                try {
                    commit.begin();
                    long end = lines.queuedEnd.addAndGet(10);
                    commit.queued();
                    leaderStarted.countDown();
                    commit.awaitDurable(end);
                    commit.end();
                } catch (Throwable e) {
                    failed.set(e);
                }
            });
            leader.start();
            leaderStarted.await();
            Thread.sleep(50); // the leader now waits for the append in progress
            long end = lines.queuedEnd.addAndGet(10);
            commit.queued();
            commit.awaitDurable(end);
            commit.end();
            leader.join(TimeUnit.SECONDS.toMillis(30));

            assertThat(failed.get()).isNull();
            assertThat(commit.forces()).as("one force for both lines").isEqualTo(2);
            assertThat(lines.drained()).last().isEqualTo(30L);
        }
    }

    @Test
    void aLeaderWaitsAtMostTheDelayForAnAppendThatDoesNotQueue() throws Exception {
        Lines lines = new Lines();
        try (SlowForce ch = channel(0)) {
            GroupCommit commit = new GroupCommit(ch, lines::drain, 0, TimeUnit.MILLISECONDS.toNanos(300));
            commit.begin(); // never queues (its preparation is slow)
            long start = System.nanoTime();
            append(commit, lines);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(commit.forces()).isEqualTo(1);
            assertThat(tookMillis).isBetween(250L, 20_000L); // the delay, then its force
        }
    }

    @Test
    void withoutADelayALeaderNeverWaits() throws Exception {
        Lines lines = new Lines();
        try (SlowForce ch = channel(0)) {
            GroupCommit commit = new GroupCommit(ch, lines::drain, 0);
            commit.begin(); // in progress, never queues
            long start = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                append(commit, lines);
            }
            assertThat(commit.forces()).isEqualTo(50);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(20_000L);
        }
    }

    @Test
    void aNegativeDelayIsRefused() throws Exception {
        try (SlowForce ch = channel(0)) {
            assertThatThrownBy(() -> new GroupCommit(ch, () -> 0, 0, -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
        }
    }

    @Test
    void aLoneAppenderNeverWaitsForOthers() throws Exception {
        Lines lines = new Lines();
        try (SlowForce ch = channel(0)) {
            GroupCommit commit = new GroupCommit(ch, lines::drain, 0, TimeUnit.SECONDS.toNanos(60));
            for (int i = 0; i < 200; i++) {
                append(commit, lines);
            }
            assertThat(commit.forces()).isEqualTo(200);
            assertThat(lines.drained()).hasSize(200).last().isEqualTo(2_000L);
        }
    }

    @Test
    void anInterruptWhileTheLeaderWaitsEndsTheWaitButNotTheForce() throws Exception {
        Lines lines = new Lines();
        try (SlowForce ch = channel(0)) {
            GroupCommit commit = new GroupCommit(ch, lines::drain, 0, TimeUnit.SECONDS.toNanos(60));
            commit.begin(); // never queues: the next leader waits for it (up to the delay of 60 s)
            AtomicReference<Throwable> failed = new AtomicReference<>();
            AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
            CountDownLatch queued = new CountDownLatch(1);
            Thread leader = new Thread(() -> {
                try {
                    commit.begin();
                    long end = lines.queuedEnd.addAndGet(10);
                    commit.queued();
                    queued.countDown();
                    commit.awaitDurable(end);
                    commit.end();
                    interruptedAfter.set(Thread.currentThread().isInterrupted());
                } catch (Throwable e) {
                    failed.set(e);
                }
            });
            leader.start();
            queued.await();
            leader.interrupt();
            leader.join(TimeUnit.SECONDS.toMillis(30));

            assertThat(failed.get()).isNull();
            assertThat(interruptedAfter.get()).as("the interrupt is kept").isTrue();
            assertThat(commit.forces()).isEqualTo(1);
            assertThat(ch.isOpen()).isTrue();
            commit.end(); // the append in progress gives up: the next leader has no one to wait for
            append(commit, lines);
            assertThat(commit.forces()).isEqualTo(2);
        }
    }

    @Test
    void anInterruptedWaiterGivesUpWithoutAnAcknowledgementAndTheLeaderGoesOn() throws Exception {
        Lines lines = new Lines();
        try (SlowForce ch = channel(300)) {
            GroupCommit commit = new GroupCommit(ch, lines::drain, 0);
            AtomicReference<Throwable> leaderFailed = new AtomicReference<>();
            Thread leader = new Thread(() -> {
                try {
                    append(commit, lines);
                } catch (Throwable e) {
                    leaderFailed.set(e);
                }
            });
            leader.start();
            while (ch.forcesStarted.get() == 0) {
                Thread.onSpinWait();
            }
            AtomicReference<Throwable> waiterFailed = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    append(commit, lines); // queued while the leader forces: waits for the next force
                } catch (Throwable e) {
                    waiterFailed.set(e);
                }
            });
            waiter.start();
            Thread.sleep(50);
            waiter.interrupt();
            waiter.join(TimeUnit.SECONDS.toMillis(30));
            leader.join(TimeUnit.SECONDS.toMillis(30));

            assertThat(leaderFailed.get()).isNull();
            assertThat(waiterFailed.get()).isInstanceOf(InterruptedIOException.class);
            append(commit, lines); // the next force covers the given-up line too
            assertThat(lines.drained()).last().isEqualTo(30L);
        }
    }

    /** One asynchronous append: begin, queue a line of 10 bytes, end, and the future of its force. */
    private static CompletableFuture<Long> appendAsync(GroupCommit commit, Lines lines) {
        commit.begin();
        long end;
        try {
            end = lines.queuedEnd.addAndGet(10);
            commit.queued();
        } finally {
            commit.end();
        }
        return commit.durable(end).thenApply(v -> end);
    }

    @Test
    void asynchronousAppendsCompleteOnlyOnceAForceCoversThemAndShareForcesWithWaitingAppenders() throws Exception {
        Lines lines = new Lines();
        try (SlowForce ch = channel(1)) {
            GroupCommit commit = new GroupCommit(ch, lines::drain, 0);
            int threads = 8;
            int each = 100;
            List<CompletableFuture<Long>> futures = new CopyOnWriteArrayList<>();
            AtomicInteger uncovered = new AtomicInteger();
            Throwable failed = onThreads(threads, t -> {
                boolean waits = t % 2 == 0; // half wait on their thread, half do not
                for (int i = 0; i < each; i++) {
                    if (waits) {
                        append(commit, lines);
                        continue;
                    }
                    CompletableFuture<Long> f = appendAsync(commit, lines);
                    futures.add(f.whenComplete((end, e) -> {
                        // a drain that reached the line came before the force that completed this
                        if (e == null && lines.drained().stream().noneMatch(d -> d >= end)) {
                            uncovered.incrementAndGet();
                        }
                    }));
                }
            });
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            assertThat(failed).isNull();
            assertThat(futures).hasSize(threads / 2 * each);
            assertThat(uncovered.get()).isZero();
            assertThat(lines.drained()).last().isEqualTo((long) threads * each * 10);
            assertThat(commit.forces()).isLessThan((long) threads * each / 2);
        }
    }

    @Test
    void anAsynchronousAppendAloneIsForcedByTheForceThreadNotTheAppendingOne() throws Exception {
        Lines lines = new Lines();
        try (SlowForce ch = channel(100)) {
            GroupCommit commit = new GroupCommit(ch, lines::drain, 0);
            AtomicReference<String> completedOn = new AtomicReference<>();

            long start = System.nanoTime();
            CompletableFuture<Long> f = appendAsync(commit, lines)
                    .whenComplete((end, e) -> completedOn.set(Thread.currentThread().getName()));
            long returned = System.nanoTime() - start;

            assertThat(TimeUnit.NANOSECONDS.toMillis(returned)).isLessThan(100); // the force takes 100 ms
            assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(10L);
            assertThat(completedOn.get()).isEqualTo("arbiter-ledger-force");
            assertThat(commit.forces()).isEqualTo(1);
            assertThat(commit.durable(10)).isCompleted(); // already durable: no force
            assertThat(commit.forces()).isEqualTo(1);
            commit.close();
        }
    }

    @Test
    void anAsynchronousAppendQueuedDuringAForceIsForcedWhenThatForceEnds() throws Exception {
        Lines lines = new Lines();
        try (SlowForce ch = channel(200)) {
            GroupCommit commit = new GroupCommit(ch, lines::drain, 0);
            Thread leader = new Thread(() -> {
                try {
                    append(commit, lines);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            leader.start();
            while (ch.forcesStarted.get() == 0) {
                Thread.onSpinWait();
            }

            CompletableFuture<Long> queuedMeanwhile = appendAsync(commit, lines); // returns while the force runs

            assertThat(queuedMeanwhile).isNotDone();
            assertThat(queuedMeanwhile.get(30, TimeUnit.SECONDS)).isEqualTo(20L);
            leader.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(commit.forces()).isEqualTo(2); // a second force for it, and no thread of its own waited
            commit.close();
            assertThat(lines.drained()).containsExactly(10L, 20L);
        }
    }

    @Test
    void aFailedForceFailsEveryWaitingAsynchronousAppendAndEveryLaterOne() throws Exception {
        Lines lines = new Lines();
        try (SlowForce ch = channel(100)) {
            ch.failingForce = 2;
            GroupCommit commit = new GroupCommit(ch, lines::drain, 0);
            assertThat(appendAsync(commit, lines).get(30, TimeUnit.SECONDS)).isEqualTo(10L);
            CompletableFuture<Long> forcedInTheFailingForce = appendAsync(commit, lines);
            while (ch.forcesStarted.get() < 2) {
                Thread.onSpinWait();
            }
            CompletableFuture<Long> waiting = appendAsync(commit, lines); // queued while the failing force runs

            assertThat(forcedInTheFailingForce).failsWithin(30, TimeUnit.SECONDS).withThrowableThat()
                    .havingRootCause().withMessage("no space left on device");
            assertThat(waiting).failsWithin(30, TimeUnit.SECONDS).withThrowableThat()
                    .havingRootCause().withMessage("no space left on device");
            assertThat(appendAsync(commit, lines)).isCompletedExceptionally();
            assertThatThrownBy(() -> append(commit, lines)).isInstanceOf(IOException.class)
                    .hasMessageContaining("an earlier force of the ledger file failed");
            assertThat(ch.forcesStarted.get()).isEqualTo(2);
            commit.close();
        }
    }

    @Test
    void dependentsThatAppendAndForceThemselvesDoNotDeepenTheStack() throws Exception {
        Lines lines = new Lines();
        try (SlowForce ch = channel(300)) {
            GroupCommit commit = new GroupCommit(ch, lines::drain, 0);
            int appends = 2_000;
            AtomicInteger deepest = new AtomicInteger();
            List<CompletableFuture<Long>> followUps = new ArrayList<>();
            for (int i = 0; i < appends; i++) {
                // each dependent appends again and waits for its own force: it leads one on the completing thread
                followUps.add(appendAsync(commit, lines).thenApply(end -> {
                    deepest.accumulateAndGet(Thread.currentThread().getStackTrace().length, Math::max);
                    try {
                        return append(commit, lines);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
            }
            // all queued while the first, slow force runs: the next force covers them all at once, and completing
            // them runs 2,000 dependents that each lead a force of their own, whose end completes more of them
            ch.forceMillis = 0;

            CompletableFuture.allOf(followUps.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            assertThat(lines.drained()).last().isEqualTo(2L * appends * 10);
            assertThat(deepest.get()).isLessThan(200); // completed one after the other, not one inside the other
            commit.close();
        }
    }
}
