package dev.arbiter.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Generator;
import dev.arbiter.core.Message;
import dev.arbiter.core.ProviderDetail;
import dev.arbiter.core.Usage;
import dev.arbiter.core.testing.ScriptedGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalHarnessTest {

    @TempDir
    Path dir;

    private static final GoldenSet<String, String> CAPITALS = GoldenSet.<String, String>builder("capitals", "1")
            .add("fr", "France", "Paris", "europe")
            .add("de", "Germany", "Berlin", "europe")
            .add("jp", "Japan", "Tokyo", "asia")
            .build();

    private static final Map<String, String> ANSWERS = Map.of("France", "Paris", "Germany", "Bonn", "Japan", "Tokyo");

    /** Asks the generator for the capital of the input and returns its text. */
    private static final EvalSubject<String, String> ASK = (country, generator) ->
            generator.generate(GenerationRequest.of(Message.user("Capital of " + country + "?"))).text();

    private static String country(GenerationRequest request) {
        return ((Message.User) request.messages().get(0)).text().replace("Capital of ", "").replace("?", "");
    }

    private static Generation answer(String text) {
        return Generation.builder().text(text).modelId("model-2024-01").usage(Usage.of(1000, 500)).build();
    }

    private static final Generator ATLAS = request -> answer(ANSWERS.get(country(request)));

    private static EvalSuite<String, String, String> suite(EvalSubject<String, String> subject) {
        return EvalSuite.builder(CAPITALS, subject).subjectId("capital-bot@v1").modelId("declared-model")
                .contract("capitals", "fp-123").metric("exact", Scorers.exactMatch()).build();
    }

    private static EvalHarness.Builder harness(Generator generator) {
        return EvalHarness.builder().generator(generator).progress(Progress.SILENT);
    }

    @Test
    void everyCaseIsRunAndScoredAndTheRunRecordsWhatItRan() {
        Scorecard card = harness(ATLAS).build().run(suite(ASK));

        assertThat(card.summary("exact").passRate()).isCloseTo(2.0 / 3, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(card.caseResult("de").orElseThrow().passed("exact")).isFalse();
        assertThat(card.summary("exact").passRateByTag()).containsEntry("asia", 1.0).containsEntry("europe", 0.5);
        RunInfo run = card.run();
        assertThat(run.subjectId()).isEqualTo("capital-bot@v1");
        assertThat(run.modelIds()).containsExactly("declared-model", "model-2024-01");
        assertThat(run.contracts()).containsEntry("capitals", "fp-123");
        assertThat(run.goldenSet()).isEqualTo("capitals");
        assertThat(run.goldenSetVersion()).isEqualTo("1");
        assertThat(run.goldenSetDigest()).isEqualTo(CAPITALS.digest());
        assertThat(run.spend().providerCalls()).isEqualTo(3);
        assertThat(run.spend().usage()).isEqualTo(Usage.of(3000, 1500));
    }

    @Test
    void repeatsGiveEachCaseItsPassRateAndFlakiness() {
        AtomicInteger germany = new AtomicInteger();
        Generator flaky = request -> country(request).equals("Germany")
                ? answer(germany.getAndIncrement() % 2 == 0 ? "Berlin" : "Bonn") : ATLAS.generate(request);

        Scorecard card = harness(flaky).repeats(4).concurrency(1).build().run(suite(ASK));

        CaseResult de = card.caseResult("de").orElseThrow();
        assertThat(de.trials()).hasSize(4);
        assertThat(de.passRate("exact")).isEqualTo(0.5);
        assertThat(de.flakiness("exact")).isEqualTo(0.5);
        assertThat(de.flaky("exact")).isTrue();
        assertThat(de.passed("exact")).isFalse();
        assertThat(card.caseResult("fr").orElseThrow().flakiness("exact")).isZero();
        assertThat(card.summary("exact").flakyCases()).isEqualTo(1);
        assertThat(card.summary("exact").passRate()).isCloseTo(10.0 / 12, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(card.run().repeats()).isEqualTo(4);
    }

    @Test
    void concurrencyIsBoundedAndUsed() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Generator slow = request -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return ATLAS.generate(request);
        };

        harness(slow).concurrency(3).repeats(4).build().run(suite(ASK));

        assertThat(peak.get()).isEqualTo(3);
    }

    @Test
    void anUnavailableProviderIsRetriedAfterItsRetryAfter() {
        ArbiterException rateLimited = ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "rate limited",
                ProviderDetail.builder().httpStatus(429).retryAfter(Duration.ofSeconds(7)).build(), null);
        ScriptedGenerator provider = ScriptedGenerator.builder().throwing(rateLimited)
                .respond(r -> ATLAS.generate(r)).respond(r -> ATLAS.generate(r)).respond(r -> ATLAS.generate(r))
                .build();
        FakeTiming timing = new FakeTiming();

        Scorecard card = harness(provider).concurrency(1).timing(timing).build().run(suite(ASK));

        assertThat(timing.sleeps()).containsExactly(Duration.ofSeconds(7));
        assertThat(card.run().spend().providerCalls()).isEqualTo(4);
        assertThat(card.run().spend().retries()).isEqualTo(1);
        assertThat(card.failedTrials()).isZero();
    }

    @Test
    void retriesBackOffExponentiallyAndGiveUpAfterTheLimit() {
        ArbiterException unavailable = ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "503");
        AtomicInteger calls = new AtomicInteger();
        Generator down = request -> {
            calls.incrementAndGet();
            throw unavailable;
        };
        FakeTiming timing = new FakeTiming();
        GoldenSet<String, String> one = GoldenSet.of("one", "1", CAPITALS.cases().subList(0, 1));

        Scorecard card = harness(down).retries(2, Duration.ofSeconds(1), Duration.ofSeconds(10)).timing(timing)
                .build().run(EvalSuite.builder(one, ASK).subjectId("s").metric("exact", Scorers.exactMatch()).build());

        assertThat(calls.get()).isEqualTo(3);
        assertThat(timing.sleeps()).hasSize(2);
        assertThat(timing.sleeps().get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(timing.sleeps().get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        Trial trial = card.cases().get(0).trials().get(0);
        assertThat(trial.outcome()).isEqualTo(new TrialOutcome.Failed("PROVIDER_UNAVAILABLE", "503"));
        assertThat(trial.score("exact").explanation()).isEqualTo("no output: PROVIDER_UNAVAILABLE: 503");
    }

    @Test
    void aRejectedRequestIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        Generator rejecting = request -> {
            calls.incrementAndGet();
            throw ArbiterException.of(FailureMode.PROVIDER_REJECTED, "invalid api key");
        };

        Scorecard card = harness(rejecting).build().run(suite(ASK));

        assertThat(calls.get()).isEqualTo(3);
        assertThat(card.failedTrials()).isEqualTo(3);
        assertThat(card.summary("exact").passRate()).isZero();
    }

    @Test
    void anUnchangedRerunIsServedFromTheCacheWithoutProviderCalls() {
        AtomicInteger calls = new AtomicInteger();
        Generator counting = request -> {
            calls.incrementAndGet();
            return ATLAS.generate(request);
        };
        EvalHarness harness = harness(counting).cache(dir.resolve("cache/capitals.jsonl")).build();

        Scorecard first = harness.run(suite(ASK));
        Scorecard rerun = harness.run(suite(ASK));

        assertThat(calls.get()).isEqualTo(3);
        assertThat(first.run().spend().providerCalls()).isEqualTo(3);
        assertThat(rerun.run().spend().providerCalls()).isZero();
        assertThat(rerun.run().spend().cacheHits()).isEqualTo(3);
        assertThat(rerun.run().spend().cachedUsage()).isEqualTo(Usage.of(3000, 1500));
        assertThat(rerun.summary("exact").passRate()).isEqualTo(first.summary("exact").passRate());
    }

    @Test
    void theCacheReplaysEachRecordedRepeatAndOnlyCallsForMissingOnes() {
        AtomicInteger germany = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        Generator flaky = request -> {
            calls.incrementAndGet();
            return country(request).equals("Germany")
                    ? answer(germany.getAndIncrement() % 2 == 0 ? "Berlin" : "Bonn") : ATLAS.generate(request);
        };
        Path cache = dir.resolve("repeats.jsonl");

        harness(flaky).repeats(2).cache(cache).build().run(suite(ASK));
        Scorecard rerun = harness(flaky).repeats(2).cache(cache).build().run(suite(ASK));
        Scorecard more = harness(flaky).repeats(3).cache(cache).build().run(suite(ASK));

        assertThat(rerun.run().spend().providerCalls()).isZero();
        Set<String> outputs = rerun.caseResult("de").orElseThrow().trials().stream()
                .map(t -> ((TrialOutcome.Produced) t.outcome()).text()).collect(Collectors.toSet());
        assertThat(outputs).containsExactlyInAnyOrder("Berlin", "Bonn");
        assertThat(more.run().spend().providerCalls()).isEqualTo(3);
        assertThat(calls.get()).isEqualTo(9);
    }

    @Test
    void failuresAreNeverCached() {
        AtomicInteger calls = new AtomicInteger();
        Generator failingOnce = request -> {
            if (calls.incrementAndGet() == 1) {
                throw ArbiterException.of(FailureMode.PROVIDER_REJECTED, "bad request");
            }
            return ATLAS.generate(request);
        };
        Path cache = dir.resolve("failures.jsonl");
        GoldenSet<String, String> one = GoldenSet.of("one", "1", CAPITALS.cases().subList(0, 1));
        EvalSuite<String, String, String> suite = EvalSuite.builder(one, ASK).subjectId("s")
                .metric("exact", Scorers.exactMatch()).build();

        Scorecard first = harness(failingOnce).cache(cache).build().run(suite);
        Scorecard second = harness(failingOnce).cache(cache).build().run(suite);

        assertThat(first.failedTrials()).isEqualTo(1);
        assertThat(second.failedTrials()).isZero();
        assertThat(second.run().spend().providerCalls()).isEqualTo(1);
    }

    @Test
    void aScorerThatThrowsOrReturnsNullFailsClosed() {
        EvalSuite<String, String, String> suite = EvalSuite.builder(CAPITALS, ASK).subjectId("s")
                .metric("throws", c -> {
                    throw new IllegalStateException("boom");
                })
                .metric("null", c -> null)
                .build();

        Scorecard card = harness(ATLAS).build().run(suite);

        assertThat(card.summary("throws").passRate()).isZero();
        assertThat(card.summary("null").passRate()).isZero();
        assertThat(card.cases().get(0).trials().get(0).score("throws").explanation())
                .isEqualTo("scorer of metric 'throws' threw IllegalStateException: boom");
        assertThat(card.cases().get(0).trials().get(0).score("null").explanation())
                .isEqualTo("scorer of metric 'null' returned null");
    }

    @Test
    void aSubjectThatThrowsOrReturnsNullMakesAFailedTrial() {
        Scorecard card = harness(ATLAS).build().run(suite((country, generator) -> {
            if (country.equals("Japan")) {
                throw new IllegalArgumentException("no such country");
            }
            return country.equals("France") ? null : "Berlin";
        }));

        assertThat(card.caseResult("jp").orElseThrow().trials().get(0).outcome())
                .isEqualTo(new TrialOutcome.Failed("java.lang.IllegalArgumentException", "no such country"));
        assertThat(card.caseResult("fr").orElseThrow().trials().get(0).outcome())
                .isEqualTo(new TrialOutcome.Failed("NullPointerException", "the subject returned null"));
        assertThat(card.caseResult("de").orElseThrow().passed("exact")).isTrue();
    }

    @Test
    void costIsAccountedWithThePriceTableAndUnpricedModelsAreCounted() {
        PriceTable prices = PriceTable.of("USD", Map.of("model-2024", PriceTable.Price.perMillion("1.00", "2.00")));
        Generator mixed = request -> country(request).equals("Japan")
                ? Generation.builder().text("Tokyo").modelId("other").usage(Usage.of(10, 10)).build()
                : ATLAS.generate(request);

        Scorecard card = harness(mixed).prices(prices).build().run(suite(ASK));

        // two priced calls of 1000 input tokens at 1.00/M and 500 output tokens at 2.00/M: 2 * (0.001 + 0.001)
        assertThat(card.run().spend().cost()).isEqualByComparingTo(new BigDecimal("0.004"));
        assertThat(card.run().spend().unpricedCalls()).isEqualTo(1);
    }

    @Test
    void requestsBeyondTheRateLimitWaitForTheWindow() {
        FakeTiming timing = new FakeTiming();

        Scorecard card = harness(ATLAS).concurrency(1).requestsPerMinute(2).timing(timing).build().run(suite(ASK));

        assertThat(timing.sleeps()).containsExactly(Duration.ofMinutes(1));
        assertThat(card.failedTrials()).isZero();
    }

    @Test
    void offATerminalOnlyASummaryLineIsPrinted() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        harness(ATLAS).progress(Progress.AUTO).progressOutput(new PrintStream(out, true, StandardCharsets.UTF_8))
                .build().run(suite(ASK));
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(printed).doesNotContain("\r").hasLineCount(1)
                .startsWith("eval capitals [capital-bot@v1 on capitals@1]: 3 cases x1, exact 66.7%; 3 provider calls");
    }

    @Test
    void silentPrintsNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        harness(ATLAS).progress(Progress.SILENT).progressOutput(new PrintStream(out, true, StandardCharsets.UTF_8))
                .build().run(suite(ASK));

        assertThat(out.size()).isZero();
    }
}
