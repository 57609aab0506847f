package dev.arbiter.eval.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.eval.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void onAnInteractiveTerminalABarIsDrawnInPlace() {
        ProgressReporter reporter = ProgressReporter.of(Progress.AUTO, out, true);

        reporter.start(4);
        for (int i = 0; i < 4; i++) {
            reporter.trialDone(i == 2);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);

        assertThat(reporter.drawsBar()).isTrue();
        assertThat(printed).startsWith("\r[------------------------------] 0/4 trials, 0 failed")
                .contains("\r[##############################] 4/4 trials, 1 failed").doesNotContain("\n");
    }

    @Test
    void offATerminalOrInSummaryModeNoBarIsDrawn() {
        assertThat(ProgressReporter.of(Progress.AUTO, out, false).drawsBar()).isFalse();
        assertThat(ProgressReporter.of(Progress.SUMMARY, out, true).drawsBar()).isFalse();
        assertThat(ProgressReporter.of(Progress.SILENT, out, true).drawsBar()).isFalse();

        ProgressReporter reporter = ProgressReporter.of(Progress.AUTO, out, false);
        reporter.start(2);
        reporter.trialDone(false);

        assertThat(bytes.size()).isZero();
    }
}
