package dev.arbiter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BlockingWorkTest {

    @Test
    void platformThreadsAreNamedDaemonsAsManyAsTasksRunAtOnce() throws Exception {
        Executor pool = BlockingWork.platformThreads("test-blocking-");
        int tasks = 8;
        CountDownLatch allStarted = new CountDownLatch(tasks);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CompletableFuture<?>[] done = new CompletableFuture<?>[tasks];
        for (int i = 0; i < tasks; i++) {
            done[i] = CompletableFuture.runAsync(() -> {
                threads.add(Thread.currentThread());
                allStarted.countDown();
                try { // every task blocks until all have started: the pool must run them all at once
                    assertThat(allStarted.await(30, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, pool);
        }
        CompletableFuture.allOf(done).get(30, TimeUnit.SECONDS);
        assertThat(threads).hasSize(tasks).allSatisfy(t -> {
            assertThat(t.getName()).matches("test-blocking-\\d+");
            assertThat(t.isDaemon()).isTrue();
        });
    }

    @Test
    void virtualThreadsWhereTheRuntimeHasThemAndTheDefaultFromJava24() throws Exception {
        Thread virtual = threadOf(BlockingWork.virtualThreads("test-virtual-"));
        assertThat(virtual.getName()).startsWith("test-virtual-");
        assertThat(virtual.isDaemon()).isTrue();
        assertThat(isVirtual(virtual)).as("virtual where the runtime has them (Java 21+), else a platform thread")
                .isEqualTo(Runtime.version().feature() >= 21);

        Thread chosen = threadOf(BlockingWork.executor("test-default-"));
        assertThat(chosen.getName()).startsWith("test-default-");
        assertThat(chosen.isDaemon()).isTrue();
        assertThat(isVirtual(chosen)).isEqualTo(Runtime.version().feature() >= BlockingWork.VIRTUAL_FROM);
    }

    interface Answers {
        default String answerAsync() {
            return answer();
        }

        String answer();
    }

    static class Plain implements Answers {
        @Override
        public String answer() {
            return "plain";
        }
    }

    static final class Overriding extends Plain {
        @Override
        public String answerAsync() {
            return "async";
        }
    }

    static final class Inheriting extends Plain {}

    @Test
    void keepsDefaultTellsWhetherAClassOrOneAboveItOverridesTheMethod() {
        java.util.function.Predicate<Object> keeps = BlockingWork.keepsDefault(Answers.class, "answerAsync");
        assertThat(keeps.test(new Plain())).isTrue();
        assertThat(keeps.test(new Inheriting())).isTrue();
        assertThat(keeps.test(new Overriding())).isFalse();
        assertThat(keeps.test((Answers) () -> "lambda")).isTrue();
        assertThat(BlockingWork.keepsDefault(Answers.class, "noSuchMethod").test(new Overriding()))
                .as("a method the class does not have: the default cannot have been replaced").isTrue();
    }

    @Test
    void aPrefixIsRequired() {
        assertThatThrownBy(() -> BlockingWork.executor(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("threadPrefix");
    }

    private static Thread threadOf(Executor executor) throws Exception {
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        executor.execute(() -> ran.complete(Thread.currentThread()));
        return ran.get(30, TimeUnit.SECONDS);
    }

    static boolean isVirtual(Thread t) throws Exception {
        try {
            return (boolean) Thread.class.getMethod("isVirtual").invoke(t);
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
