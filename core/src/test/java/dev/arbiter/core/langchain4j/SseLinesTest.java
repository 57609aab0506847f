package dev.arbiter.core.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.http.client.sse.DefaultServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/**
 * {@link SseLines} behind the JDK's line subscriber gives exactly the events langchain4j's blocking {@link
 * DefaultServerSentEventParser} gives, whatever the line endings and however the body is cut into chunks (a chunk may
 * end inside a {@code \r\n} or inside a UTF-8 character).
 */
class SseLinesTest {

    private static final String[] PIECES = {
        "data: {\"a\":1}", "data:{\"b\":2}", "data:  two spaces", "data:", "data", "event: message", "event:delta",
        "event:", ": a comment", "id: 7", "retry: 100", "data: [DONE]", "data: héllo wörld ✓ 😀", "", "", "",
        "datum: not a field", " data: leading space", "DATA: upper case",
    };
    private static final String[] ENDINGS = {"\n", "\r\n", "\r"};

    /** What a listener heard, one string per call. */
    private static final class Heard implements ServerSentEventListener {
        final List<String> calls = new ArrayList<>();

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            calls.add("event " + event.event() + " | " + event.data());
        }

        @Override
        public void onError(Throwable throwable) {
            calls.add("error " + throwable);
        }
    }

    private static List<String> blocking(byte[] body) {
        Heard heard = new Heard();
        new DefaultServerSentEventParser().parse(new ByteArrayInputStream(body), heard);
        return heard.calls;
    }

    /** Pushes the body through the JDK's line subscriber into {@link SseLines}, in chunks cut at random. */
    private static List<String> pushed(byte[] body, SplittableRandom random) {
        Heard heard = new Heard();
        BodySubscriber<Void> subscriber = BodySubscribers.fromLineSubscriber(new SseLines(heard), lines -> null,
                StandardCharsets.UTF_8, null);
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {}
        });
        int at = 0;
        while (at < body.length) {
            int n = Math.min(body.length - at, 1 + random.nextInt(12));
            subscriber.onNext(List.of(ByteBuffer.wrap(body, at, n).slice()));
            at += n;
        }
        subscriber.onComplete();
        subscriber.getBody().toCompletableFuture().join();
        return heard.calls;
    }

    @Test
    void randomStreamsGiveTheEventsOfTheBlockingParser() {
        SplittableRandom random = new SplittableRandom(20261121);
        int withEvents = 0;
        for (int round = 0; round < 3_000; round++) {
            StringBuilder text = new StringBuilder();
            String ending = ENDINGS[random.nextInt(ENDINGS.length)];
            for (int i = random.nextInt(25); i > 0; i--) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
                text.append(random.nextInt(8) == 0 ? ENDINGS[random.nextInt(ENDINGS.length)] : ending);
            }
            if (random.nextBoolean()) {
                text.append(PIECES[random.nextInt(PIECES.length)]); // no line end: a last line cut short
            }
            byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);

            List<String> expected = blocking(body);

            assertThat(pushed(body, random)).as("stream %s", text.toString().replace("\r", "\\r").replace("\n", "\\n"))
                    .isEqualTo(expected);
            if (!expected.isEmpty()) {
                withEvents++;
            }
        }
        assertThat(withEvents).isGreaterThan(2_000);
    }

    @Test
    void recordedProviderStreamsGiveTheEventsOfTheBlockingParser() {
        SplittableRandom random = new SplittableRandom(7);
        int streams = 0;
        for (int line : List.of(6, 8, 9, 10)) {
            byte[] body = ProviderFixtures.load(ProviderFixtures.OPENAI, line).body().getBytes(StandardCharsets.UTF_8);
            List<String> expected = blocking(body);
            assertThat(expected).isNotEmpty();
            assertThat(pushed(body, random)).isEqualTo(expected);
            streams++;
        }
        assertThat(streams).isEqualTo(4);
    }

    @Test
    void cancellingThroughTheContextStopsTheEvents() {
        List<String> heard = new ArrayList<>();
        SseLines lines = new SseLines(new ServerSentEventListener() {
            @Override
            public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
                heard.add(event.data());
                context.parsingHandle().cancel();
            }

            @Override
            public void onError(Throwable throwable) {
                heard.add("error");
            }
        });
        boolean[] cancelled = {false};
        lines.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {
                cancelled[0] = true;
            }
        });
        for (String line : List.of("data: one", "", "data: two", "")) {
            lines.onNext(line);
        }
        lines.onComplete();

        assertThat(heard).containsExactly("one");
        assertThat(cancelled[0]).isTrue();
    }
}
