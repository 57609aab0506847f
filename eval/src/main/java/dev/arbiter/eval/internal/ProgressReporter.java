package dev.arbiter.eval.internal;

import dev.arbiter.eval.MetricSummary;
import dev.arbiter.eval.Progress;
import dev.arbiter.eval.RunInfo;
import dev.arbiter.eval.Scorecard;
import dev.arbiter.eval.Spend;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints the harness's progress: a bar redrawn in place on an interactive terminal, and one summary line at the
 * end. Thread-safe.
 */
public final class ProgressReporter {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final boolean bar;
    private final boolean summary;
    private final PrintStream out;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile int total;
    private volatile long startNanos;
    private long lastDraw;

    private ProgressReporter(boolean bar, boolean summary, PrintStream out) {
        this.bar = bar;
        this.summary = summary;
        this.out = out;
    }

    /** Returns a reporter for the mode, deciding whether this process runs on an interactive terminal. */
    public static ProgressReporter of(Progress mode, PrintStream out) {
        return of(mode, out, interactive());
    }

    /** Returns a reporter for the mode, told whether the terminal is interactive. */
    public static ProgressReporter of(Progress mode, PrintStream out, boolean interactive) {
        return new ProgressReporter(mode == Progress.AUTO && interactive, mode != Progress.SILENT, out);
    }

    /**
     * Returns whether this process writes to an interactive terminal: a console is present (and, on JDKs that
     * can tell, it is a terminal) and the {@code CI} environment variable is not set.
     */
    public static boolean interactive() {
        if (System.getenv("CI") != null) {
            return false;
        }
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Returns whether a bar is drawn. */
    public boolean drawsBar() {
        return bar;
    }

    /** Starts a run of {@code total} trials. */
    public void start(int total) {
        this.total = total;
        this.startNanos = System.nanoTime();
        draw(true);
    }

    /** Counts a finished trial. */
    public void trialDone(boolean trialFailed) {
        done.incrementAndGet();
        if (trialFailed) {
            failed.incrementAndGet();
        }
        draw(false);
    }

    private void draw(boolean force) {
        if (!bar) {
            return;
        }
        synchronized (this) {
            long now = System.nanoTime();
            int d = done.get();
            if (!force && d < total && now - lastDraw < REDRAW_NANOS) {
                return;
            }
            lastDraw = now;
            int filled = total == 0 ? WIDTH : (int) ((long) d * WIDTH / total);
            out.print(String.format(Locale.ROOT, "\r[%s%s] %d/%d trials, %d failed, %.1f s ", "#".repeat(filled),
                    "-".repeat(WIDTH - filled), d, total, failed.get(), (now - startNanos) / 1e9));
            out.flush();
        }
    }

    /** Ends the run: clears the bar and prints the summary line. */
    public void finish(Scorecard scorecard) {
        if (bar) {
            out.print("\r" + " ".repeat(WIDTH + 60) + "\r");
        }
        if (summary) {
            out.println(summaryLine(scorecard));
        }
        out.flush();
    }

    /** Returns the one-line summary of a run. */
    public static String summaryLine(Scorecard scorecard) {
        RunInfo run = scorecard.run();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "eval %s [%s on %s@%s]: %d cases x%d",
                run.suite(), run.subjectId(), run.goldenSet(), run.goldenSetVersion(), scorecard.cases().size(),
                run.repeats()));
        for (MetricSummary m : scorecard.summaries()) {
            s.append(String.format(Locale.ROOT, ", %s %.1f%%", m.name(), 100 * m.passRate()));
        }
        Spend spend = run.spend();
        s.append(String.format(Locale.ROOT, "; %d provider calls (%d retries), %d cached, %d tokens",
                spend.providerCalls(), spend.retries(), spend.cacheHits(), spend.usage().totalTokens()));
        if (spend.cost().signum() > 0) {
            s.append(", cost ").append(spend.cost().toPlainString());
            if (spend.unpricedCalls() > 0) {
                s.append(" + ").append(spend.unpricedCalls()).append(" unpriced calls");
            }
        }
        if (scorecard.failedTrials() > 0) {
            s.append("; ").append(scorecard.failedTrials()).append(" trials failed");
        }
        s.append(String.format(Locale.ROOT, "; %.1f s", run.elapsed().toMillis() / 1000.0));
        return s.toString();
    }
}
