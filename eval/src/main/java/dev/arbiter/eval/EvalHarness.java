package dev.arbiter.eval;

import dev.arbiter.core.Generator;
import dev.arbiter.eval.internal.CallLog;
import dev.arbiter.eval.internal.ProgressReporter;
import dev.arbiter.eval.internal.ProviderStack;
import dev.arbiter.eval.internal.RateLimiter;
import dev.arbiter.eval.internal.ResponseCache;
import dev.arbiter.eval.internal.Trials;
import dev.arbiter.eval.internal.Timing;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs a subject over a golden set and scores every output: the engine of every eval.
 *
 * <p>Each case runs {@code repeats} times (trials) on a pool of {@code concurrency} threads. Every trial gets its
 * own view of the generator stack {@code Account(Cache(Retry(RateLimit(provider))))}: the response cache answers
 * requests it has recorded (by request digest) without calling the provider; requests that reach the provider
 * wait for the requests-per-minute and tokens-per-minute limits; failures of mode {@code PROVIDER_UNAVAILABLE}
 * are retried, honouring the provider's {@code Retry-After}; every call's tokens and cost are accounted per
 * trial. A subject that throws, or returns {@code null}, makes a failed trial whose every score is 0; a scorer
 * that throws or returns {@code null} scores 0 for that trial, with the reason (fail closed). An
 * {@link Error} in a subject or scorer ends the run.
 *
 * <p>While it runs it draws a progress bar on an interactive terminal and prints nothing else but a one-line
 * summary at the end (see {@link Progress}). Immutable and thread-safe: one harness can run many suites, also
 * concurrently; concurrent runs share its rate limits, and with a cache they would append to one cache file from
 * two recorders (lines could interleave), so give concurrent runs harnesses with different cache files.
 *
 * <pre>{@code
 * EvalHarness harness = EvalHarness.builder()
 *         .generator(LangChain4jGenerator.of(chatModel))
 *         .concurrency(16)
 *         .requestsPerMinute(500)
 *         .repeats(3)
 *         .prices(prices)
 *         .cache(Path.of("target/eval-cache/invoices-gpt-4o-mini.jsonl"))
 *         .build();
 * Scorecard scorecard = harness.run(suite);
 * }</pre>
 */
public final class EvalHarness {

    private final Generator provider;
    private final int concurrency;
    private final int repeats;
    private final int requestsPerMinute;
    private final long tokensPerMinute;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;
    private final PriceTable prices;
    private final @Nullable Path cacheFile;
    private final Progress progress;
    private final PrintStream progressOut;
    private final Timing timing;
    private final RateLimiter limiter;

    private EvalHarness(Builder b) {
        this.provider = b.provider;
        this.concurrency = b.concurrency;
        this.repeats = b.repeats;
        this.requestsPerMinute = b.requestsPerMinute;
        this.tokensPerMinute = b.tokensPerMinute;
        this.maxRetries = b.maxRetries;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.maxRetryAfter = b.maxRetryAfter;
        this.prices = b.prices;
        this.cacheFile = b.cacheFile;
        this.progress = b.progress;
        this.progressOut = b.progressOut;
        this.timing = b.timing;
        this.limiter = new RateLimiter(requestsPerMinute, tokensPerMinute, timing);
    }

    /** Returns a builder with the defaults: no provider, concurrency 4, one repeat, no limits, 3 retries. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the suite and returns its scorecard.
     *
     * @throws IllegalArgumentException if the cache file holds something other than recorded generations
     * @throws IllegalStateException if the run is interrupted
     */
    public <I, E, O> Scorecard run(EvalSuite<I, E, O> suite) {
        Objects.requireNonNull(suite, "suite");
        ResponseCache cache = cacheFile == null ? null : ResponseCache.open(cacheFile);
        ProviderStack stack = new ProviderStack(provider, cache, limiter, maxRetries, initialBackoff, maxBackoff,
                maxRetryAfter, timing, () -> ThreadLocalRandom.current().nextDouble());
        List<GoldenCase<I, E>> cases = suite.goldenSet().cases();
        ProgressReporter reporter = ProgressReporter.of(progress, progressOut);
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        reporter.start(cases.size() * repeats);
        List<List<Future<Trial>>> futures = new ArrayList<>();
        Set<String> models = ConcurrentHashMap.newKeySet();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "arbiter-eval-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            for (GoldenCase<I, E> c : cases) {
                List<Future<Trial>> perCase = new ArrayList<>();
                for (int r = 0; r < repeats; r++) {
                    int repeat = r;
                    perCase.add(pool.submit(() -> {
                        Trial t = Trials.run(suite, c, repeat, stack, new CallLog(prices), models);
                        reporter.trialDone(t.outcome() instanceof TrialOutcome.Failed);
                        return t;
                    }));
                }
                futures.add(perCase);
            }
            List<CaseResult> results = collect(cases, futures);
            Scorecard scorecard = Scorecard.of(runInfo(suite, results, models, startedAt,
                    Duration.ofNanos(System.nanoTime() - start)), suite.metrics().stream().map(Metric::info).toList(),
                    results);
            reporter.finish(scorecard);
            return scorecard;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <I, E> List<CaseResult> collect(List<GoldenCase<I, E>> cases, List<List<Future<Trial>>> futures) {
        List<CaseResult> results = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            List<Trial> trials = new ArrayList<>();
            for (Future<Trial> f : futures.get(i)) {
                try {
                    trials.add(f.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("the eval run was interrupted", e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException("trial of case '" + cases.get(i).id() + "' failed unexpectedly",
                            e.getCause());
                }
            }
            results.add(new CaseResult(cases.get(i).id(), cases.get(i).tags(), trials));
        }
        return results;
    }

    private <I, E, O> RunInfo runInfo(EvalSuite<I, E, O> suite, List<CaseResult> results, Set<String> observed,
            Instant startedAt, Duration elapsed) {
        Set<String> models = new TreeSet<>(suite.modelIds());
        models.addAll(observed);
        Spend spend = Spend.NONE;
        for (CaseResult r : results) {
            spend = spend.plus(r.spend());
        }
        return new RunInfo(suite.name(), suite.subjectId(), new ArrayList<>(models), suite.contracts(),
                suite.goldenSet().name(), suite.goldenSet().version(), suite.goldenSet().digest(), repeats, startedAt,
                elapsed, spend);
    }

    /**
     * Builds an {@link EvalHarness}. Not thread-safe; {@link #build()} copies.
     */
    public static final class Builder {
        private Generator provider = request -> {
            throw new IllegalStateException("the eval harness has no generator: set one with"
                    + " EvalHarness.builder().generator(...) (request " + request.digest() + ")");
        };
        private int concurrency = 4;
        private int repeats = 1;
        private int requestsPerMinute;
        private long tokensPerMinute;
        private int maxRetries = 3;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration maxRetryAfter = Duration.ofMinutes(2);
        private PriceTable prices = PriceTable.NONE;
        private @Nullable Path cacheFile;
        private Progress progress = Progress.AUTO;
        private PrintStream progressOut = System.err;
        private Timing timing = Timing.SYSTEM;

        private Builder() {}

        /** Sets the generator that subjects' model calls go to. */
        public Builder generator(Generator generator) {
            this.provider = Objects.requireNonNull(generator, "generator");
            return this;
        }

        /** Sets how many trials run at once; 1 or more. */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /** Sets how many times each case runs; 1 or more. */
        public Builder repeats(int repeats) {
            if (repeats < 1) {
                throw new IllegalArgumentException("repeats must be >= 1, was " + repeats);
            }
            this.repeats = repeats;
            return this;
        }

        /** Limits the requests that reach the provider per minute (sliding window); 0 for no limit. */
        public Builder requestsPerMinute(int requestsPerMinute) {
            if (requestsPerMinute < 0) {
                throw new IllegalArgumentException("requestsPerMinute must be >= 0, was " + requestsPerMinute);
            }
            this.requestsPerMinute = requestsPerMinute;
            return this;
        }

        /** Limits the tokens reported per minute (sliding window); 0 for no limit. */
        public Builder tokensPerMinute(long tokensPerMinute) {
            if (tokensPerMinute < 0) {
                throw new IllegalArgumentException("tokensPerMinute must be >= 0, was " + tokensPerMinute);
            }
            this.tokensPerMinute = tokensPerMinute;
            return this;
        }

        /**
         * Sets the retries of {@code PROVIDER_UNAVAILABLE}: at most {@code maxRetries}, waiting the provider's
         * Retry-After, or else backing off exponentially from {@code initialBackoff} up to {@code maxBackoff}.
         */
        public Builder retries(int maxRetries, Duration initialBackoff, Duration maxBackoff) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
            }
            if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff, were " + initialBackoff
                        + " and " + maxBackoff);
            }
            this.maxRetries = maxRetries;
            this.initialBackoff = initialBackoff;
            this.maxBackoff = maxBackoff;
            return this;
        }

        /** Sets the longest Retry-After that is waited; a longer one fails the trial. Two minutes by default. */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            if (maxRetryAfter.isNegative()) {
                throw new IllegalArgumentException("maxRetryAfter must be >= 0, was " + maxRetryAfter);
            }
            this.maxRetryAfter = maxRetryAfter;
            return this;
        }

        /** Sets the prices for cost accounting; none by default (calls are counted as unpriced). */
        public Builder prices(PriceTable prices) {
            this.prices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        /**
         * Caches generations in the cassette file, keyed by request digest: an unchanged rerun makes no provider
         * call. Use one file per subject and model (the digest does not include the model).
         */
        public Builder cache(Path file) {
            this.cacheFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Sets what is printed while running; {@link Progress#AUTO} by default. */
        public Builder progress(Progress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** Sets where progress is printed; standard error by default. */
        public Builder progressOutput(PrintStream out) {
            this.progressOut = Objects.requireNonNull(out, "out");
            return this;
        }

        /** Replaces the clock and the sleeping; for tests. */
        Builder timing(Timing timing) {
            this.timing = Objects.requireNonNull(timing, "timing");
            return this;
        }

        /** Builds the harness. */
        public EvalHarness build() {
            return new EvalHarness(this);
        }
    }
}
