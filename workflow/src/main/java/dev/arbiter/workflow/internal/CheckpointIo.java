package dev.arbiter.workflow.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads on which the file and JDBC checkpoint stores save asynchronously: at most {@value #THREADS} daemon
 * threads ({@code arbiter-checkpoint-io-N}) shared by the stores of this JVM, none left once saves stop, so that the
 * thread a run goes on on (a model client's, a ledger's force thread) does not wait for a disk or a database.
 */
final class CheckpointIo {

    static final int THREADS = 16;

    static final ExecutorService POOL = pool();

    private CheckpointIo() {}

    private static ExecutorService pool() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 5, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "arbiter-checkpoint-io-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true); // no thread is left once saves stop
        return pool;
    }
}
