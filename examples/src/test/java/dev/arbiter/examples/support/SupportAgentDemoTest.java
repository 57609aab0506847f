package dev.arbiter.examples.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupportAgentDemoTest {

    @Test
    void theDemoPrintsTheDeniedInjectionTheApprovalAndTheResumedRefund(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SupportAgentDemo.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        assertThat(out).contains("DENY (provenance:to)");
    }
}
