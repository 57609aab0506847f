package dev.arbiter.workflow.trace;

import dev.arbiter.core.FailureMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The failure taxonomy made visible: a listener that counts, per run and across runs, failures by mode and
 * layer, the remedy taken, and whether it worked (the step it was taken in ended accepted).
 *
 * <p>Register it as a pipeline listener and read {@link #rows()} (all runs) or {@link #rows(String)} (one
 * run); {@link #render()} prints a table. Thread-safe. It keeps one counter per run, mode and remedy for as
 * long as it lives; use one per reporting period.
 */
public final class FailureReport implements TraceListener {

    /**
     * One line of the report.
     *
     * @param mode the failure mode
     * @param remedy the remedy taken ({@code ABORT} and {@code ESCALATE} end the step, so they never "work")
     * @param taken how often the remedy was taken
     * @param worked how often the step then ended accepted
     */
    public record Row(FailureMode mode, String remedy, long taken, long worked) {
        public Row {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(remedy, "remedy");
        }

        /** Returns the layer of the mode. */
        public FailureMode.Layer layer() {
            return mode.layer();
        }
    }

    private record Key(String runId, FailureMode mode, String remedy) {}

    private final Map<Key, long[]> counts = new HashMap<>();
    private final Map<String, List<Key>> pending = new HashMap<>();

    @Override
    public synchronized void on(TraceEvent event) {
        if (event instanceof TraceEvent.RemedyTaken r) {
            Key key = new Key(r.scope().runId(), r.failureMode(), r.remedy());
            counts.computeIfAbsent(key, k -> new long[2])[0]++;
            pending.computeIfAbsent(r.scope().runId() + '\u0000' + r.step(), k -> new ArrayList<>()).add(key);
        } else if (event instanceof TraceEvent.StepEnded e) {
            List<Key> keys = pending.remove(e.scope().runId() + '\u0000' + e.step());
            if (keys != null && e.outcome().equals("accepted")) {
                keys.forEach(k -> counts.get(k)[1]++);
            }
        }
    }

    /** Returns the rows across all runs, by layer, then mode, then remedy. */
    public synchronized List<Row> rows() {
        return collect(null);
    }

    /** Returns the rows of run {@code runId}. */
    public synchronized List<Row> rows(String runId) {
        return collect(Objects.requireNonNull(runId, "runId"));
    }

    private List<Row> collect(@Nullable String runId) {
        Map<String, long[]> sums = new HashMap<>();
        Map<String, Key> keys = new HashMap<>();
        counts.forEach((k, c) -> {
            if (runId == null || runId.equals(k.runId())) {
                String id = k.mode() + "/" + k.remedy();
                long[] s = sums.computeIfAbsent(id, x -> new long[2]);
                s[0] += c[0];
                s[1] += c[1];
                keys.putIfAbsent(id, k);
            }
        });
        List<Row> rows = new ArrayList<>();
        sums.forEach((id, s) -> rows.add(new Row(keys.get(id).mode(), keys.get(id).remedy(), s[0], s[1])));
        rows.sort(Comparator.comparing((Row r) -> r.layer().ordinal()).thenComparing(r -> r.mode().ordinal())
                .thenComparing(Row::remedy));
        return List.copyOf(rows);
    }

    /** Returns the report across all runs as a plain-text table. */
    public String render() {
        StringBuilder s = new StringBuilder(String.format("%-10s %-22s %-15s %7s %7s%n", "layer", "mode", "remedy",
                "taken", "worked"));
        for (Row r : rows()) {
            s.append(String.format("%-10s %-22s %-15s %7d %7d%n", r.layer(), r.mode(), r.remedy(), r.taken(),
                    r.worked()));
        }
        return s.toString();
    }
}
