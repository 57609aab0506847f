package dev.arbiter.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.ProviderDetail;
import dev.arbiter.core.RetriableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScriptedGeneratorTest {

    private static final GenerationRequest FIRST = GenerationRequest.of(Message.user("first"));
    private static final GenerationRequest SECOND = GenerationRequest.of(Message.user("second"));

    @Test
    void servesTheSequenceInOrderOnceEach() {
        ScriptedGenerator generator = ScriptedGenerator.of(Generation.ofText("one"), Generation.ofText("two"));

        assertThat(generator.generate(FIRST).text()).isEqualTo("one");
        assertThat(generator.generate(FIRST).text()).isEqualTo("two");
    }

    @Test
    void failsNamingTheDigestAndCallsServedWhenTheSequenceIsUsedUp() {
        ScriptedGenerator generator = ScriptedGenerator.of(Generation.ofText("one"));
        generator.generate(FIRST);

        assertThatThrownBy(() -> generator.generate(SECOND))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no response for request " + SECOND.digest())
                .hasMessageContaining("(call 2)")
                .hasMessageContaining("all 1 scripted response is used up")
                .hasMessageContaining("it served 1 call")
                .hasMessageContaining("user: \"second\"");
    }

    @Test
    void anEmptyScriptFailsEveryCall() {
        ScriptedGenerator generator = ScriptedGenerator.of();

        assertThatThrownBy(() -> generator.generate(FIRST))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the script is empty")
                .hasMessageContaining("it served 0 calls");
        assertThat(generator.callCount()).isEqualTo(1);
    }

    @Test
    void rulesAnswerEveryRequestTheyMatchBeforeTheSequence() {
        ScriptedGenerator generator = ScriptedGenerator.builder()
                .when(r -> r.equals(SECOND), Generation.ofText("rule"))
                .respond(Generation.ofText("sequence"))
                .build();

        assertThat(generator.generate(SECOND).text()).isEqualTo("rule");
        assertThat(generator.generate(SECOND).text()).isEqualTo("rule");
        assertThat(generator.generate(FIRST).text()).isEqualTo("sequence");
    }

    @Test
    void theFirstMatchingRuleWins() {
        ScriptedGenerator generator = ScriptedGenerator.builder()
                .when(r -> true, Generation.ofText("first rule"))
                .when(r -> true, Generation.ofText("second rule"))
                .build();

        assertThat(generator.generate(FIRST).text()).isEqualTo("first rule");
    }

    @Test
    void failsSayingNoRuleMatchedWhenOnlyRulesAreScripted() {
        ScriptedGenerator generator = ScriptedGenerator.builder()
                .when(r -> r.equals(SECOND), Generation.ofText("rule"))
                .build();

        assertThatThrownBy(() -> generator.generate(FIRST))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(FIRST.digest())
                .hasMessageContaining("the script has no sequence and no rule matched (1 checked)");
    }

    @Test
    void aResponseFunctionIsGivenTheRequest() {
        ScriptedGenerator generator = ScriptedGenerator.builder()
                .respond(r -> Generation.ofText("echo " + r.messages().size()))
                .when(r -> r.equals(SECOND), r -> Generation.ofText("rule " + r.digest()))
                .build();

        assertThat(generator.generate(FIRST).text()).isEqualTo("echo 1");
        assertThat(generator.generate(SECOND).text()).isEqualTo("rule " + SECOND.digest());
    }

    @Test
    void aResponseFunctionReturningNullFailsNamingTheCall() {
        ScriptedGenerator generator = ScriptedGenerator.builder().respond(r -> null).build();

        assertThatThrownBy(() -> generator.generate(FIRST))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the scripted response for call 1 (function 1 of the sequence) returned null for request "
                        + FIRST.digest());
    }

    @Test
    void aScriptedFailureIsThrownWithItsModeAndRetryAfter() {
        ArbiterException rateLimited = ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "rate limited",
                ProviderDetail.builder().httpStatus(429).retryAfter(Duration.ofSeconds(2)).build(), null);
        ScriptedGenerator generator = ScriptedGenerator.builder()
                .throwing(rateLimited)
                .respond(Generation.ofText("after the wait"))
                .build();

        assertThatThrownBy(() -> generator.generate(FIRST))
                .isSameAs(rateLimited)
                .isInstanceOf(RetriableException.class);
        assertThat(rateLimited.detail().retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(generator.generate(FIRST).text()).isEqualTo("after the wait");
    }

    @Test
    void aFailureRuleThrowsForEveryRequestItMatches() {
        ArbiterException rejected = ArbiterException.of(FailureMode.PROVIDER_REJECTED, "bad key");
        ScriptedGenerator generator = ScriptedGenerator.builder()
                .whenThrowing(r -> r.equals(SECOND), rejected)
                .when(r -> true, Generation.ofText("fine"))
                .build();

        assertThatThrownBy(() -> generator.generate(SECOND)).isSameAs(rejected);
        assertThatThrownBy(() -> generator.generate(SECOND)).isSameAs(rejected);
        assertThat(generator.generate(FIRST).text()).isEqualTo("fine");
    }

    @Test
    void keepsEveryRequestReceivedInOrderIncludingUnansweredOnes() {
        ScriptedGenerator generator = ScriptedGenerator.of(Generation.ofText("one"));
        generator.generate(FIRST);
        assertThatThrownBy(() -> generator.generate(SECOND)).isInstanceOf(IllegalStateException.class);

        assertThat(generator.requests()).containsExactly(FIRST, SECOND);
        assertThat(generator.lastRequest()).isEqualTo(SECOND);
        assertThat(generator.callCount()).isEqualTo(2);
    }

    @Test
    void lastRequestBeforeAnyCallFailsClearly() {
        assertThatThrownBy(() -> ScriptedGenerator.of(Generation.ofText("x")).lastRequest())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the scripted generator has received no request yet");
    }

    @Test
    void requestsIsASnapshotThatLaterCallsDoNotChange() {
        ScriptedGenerator generator = ScriptedGenerator.builder().when(r -> true, Generation.ofText("x")).build();
        generator.generate(FIRST);
        List<GenerationRequest> snapshot = generator.requests();
        generator.generate(SECOND);

        assertThat(snapshot).containsExactly(FIRST);
        assertThatThrownBy(() -> snapshot.add(SECOND)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aBuiltGeneratorDoesNotChangeWhenItsBuilderDoes() {
        ScriptedGenerator.Builder builder = ScriptedGenerator.builder().respond(Generation.ofText("one"));
        ScriptedGenerator generator = builder.build();
        builder.respond(Generation.ofText("two"));

        generator.generate(FIRST);
        assertThatThrownBy(() -> generator.generate(FIRST)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void concurrentCallersEachGetADistinctResponseOfTheSequence() throws Exception {
        int calls = 200;
        ScriptedGenerator.Builder builder = ScriptedGenerator.builder();
        for (int i = 0; i < calls; i++) {
            builder.respond(Generation.ofText("response " + i));
        }
        ScriptedGenerator generator = builder.build();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        Set<String> texts = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(pool.submit(() -> texts.add(generator.generate(FIRST).text())));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(texts).hasSize(calls);
        assertThat(generator.callCount()).isEqualTo(calls);
        assertThatThrownBy(() -> generator.generate(FIRST)).hasMessageContaining("it served 200 calls");
    }

    @Test
    void nullsAreRejectedByName() {
        ScriptedGenerator.Builder builder = ScriptedGenerator.builder();
        assertThatThrownBy(() -> builder.respond((Generation) null)).hasMessage("generation");
        assertThatThrownBy(() -> builder.throwing(null)).hasMessage("failure");
        assertThatThrownBy(() -> builder.when(null, Generation.ofText("x"))).hasMessage("predicate");
        assertThatThrownBy(() -> ScriptedGenerator.of().generate(null)).hasMessage("request");
    }
}
