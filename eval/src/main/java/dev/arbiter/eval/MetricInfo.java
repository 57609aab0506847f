package dev.arbiter.eval;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a scorecard knows about one metric besides its scores: its name, whether an LLM judge scored it, and the
 * judge's measured agreement with people, if any. Immutable and thread-safe.
 */
public final class MetricInfo {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final String name;
    private final boolean judge;
    private final @Nullable JudgeAgreement agreement;

    private MetricInfo(String name, boolean judge, @Nullable JudgeAgreement agreement) {
        this.name = checkName(name);
        this.judge = judge;
        this.agreement = agreement;
        if (agreement != null && !judge) {
            throw new IllegalArgumentException("metric '" + name + "' has a judge agreement but no judge");
        }
    }

    /** Checks a metric name: 1 to 64 letters, digits, {@code _ . -}. */
    static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name '" + name
                    + "' must be 1 to 64 letters, digits, '_', '.' or '-'");
        }
        return name;
    }

    /** Returns the info of a metric scored by a deterministic scorer. */
    public static MetricInfo scorer(String name) {
        return new MetricInfo(name, false, null);
    }

    /** Returns the info of a metric scored by an LLM judge, with its measured agreement or {@code null}. */
    public static MetricInfo judge(String name, @Nullable JudgeAgreement agreement) {
        return new MetricInfo(name, true, agreement);
    }

    /** The metric's name. */
    public String name() {
        return name;
    }

    /** Whether an LLM judge scored the metric. */
    public boolean isJudge() {
        return judge;
    }

    /** The judge's agreement with people, when it was measured. */
    public Optional<JudgeAgreement> agreement() {
        return Optional.ofNullable(agreement);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricInfo m && name.equals(m.name) && judge == m.judge
                && Objects.equals(agreement, m.agreement);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, judge, agreement);
    }

    @Override
    public String toString() {
        return name + (judge ? " (judge" + (agreement == null ? ", agreement not measured)" : ", kappa "
                + agreement.kappa() + ")") : "");
    }
}
