package dev.arbiter.authority.permission.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.authority.permission.SideEffect;
import dev.arbiter.authority.permission.Tool;
import dev.arbiter.authority.permission.ToolDescriptor;
import dev.arbiter.core.BlockingWork;
import dev.arbiter.core.ToolSpec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BlockingToolsTest {

    private static final ToolDescriptor READ = ToolDescriptor.of(ToolSpec.of("read", "Reads",
            "{\"type\":\"object\"}"), SideEffect.READ);

    /** A tool of an application's own that only implements {@code execute}. */
    private static class Own implements Tool {
        @Override
        public ToolDescriptor descriptor() {
            return READ;
        }

        @Override
        public String execute(JsonNode arguments) {
            return "x";
        }
    }

    /** The same tool, saying it does not block. */
    private static final class OwnAsync extends Own {
        @Override
        public CompletableFuture<String> executeAsync(JsonNode arguments) {
            return CompletableFuture.completedFuture("x");
        }
    }

    @Test
    void aToolBlocksWhenItsExecuteAsyncIsTheDefault() {
        assertThat(BlockingTools.blocks(Tool.of(READ, args -> "x"))).isTrue();
        assertThat(BlockingTools.blocks(Tool.ofAsync(READ, args -> CompletableFuture.completedFuture("x")))).isFalse();
        assertThat(BlockingTools.blocks(new Own())).isTrue();
        assertThat(BlockingTools.blocks(new OwnAsync())).isFalse();
    }

    @Test
    void theSharedExecutorsThreadsAreNamedForToolsAndVirtualFromJava24() throws Exception {
        Thread shared = threadOf(BlockingTools.shared());
        assertThat(shared.getName()).startsWith("arbiter-tool-");
        assertThat(shared.isDaemon()).isTrue();
        assertThat(isVirtual(shared)).isEqualTo(Runtime.version().feature() >= BlockingWork.VIRTUAL_FROM);
    }

    private static Thread threadOf(Executor executor) throws Exception {
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        executor.execute(() -> ran.complete(Thread.currentThread()));
        return ran.get(30, TimeUnit.SECONDS);
    }

    private static boolean isVirtual(Thread t) throws Exception {
        try {
            return (boolean) Thread.class.getMethod("isVirtual").invoke(t);
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
