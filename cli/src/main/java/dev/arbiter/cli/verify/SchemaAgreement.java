package dev.arbiter.cli.verify;

import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.core.FailureMode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The tally of a JSONSchemaBench run: agreement per category and overall, and every disagreement with its cause. */
final class SchemaAgreement {

    /** One instance on which the verdict and the label disagree. */
    record Disagreement(String rowId, int test, boolean label, String verdict, String cause, String detail, List<String> features) {}

    private final Map<String, long[]> categories = new TreeMap<>();
    private final List<Disagreement> disagreements = new ArrayList<>();

    void agree(String category) {
        count(category, true);
    }

    void disagree(String category, Disagreement d) {
        count(category, false);
        disagreements.add(d);
    }

    private void count(String category, boolean agreed) {
        long[] c = categories.computeIfAbsent(category, k -> new long[2]);
        c[0]++;
        if (agreed) {
            c[1]++;
        }
    }

    long total() {
        return categories.values().stream().mapToLong(c -> c[0]).sum();
    }

    long agreed() {
        return categories.values().stream().mapToLong(c -> c[1]).sum();
    }

    List<Disagreement> disagreements() {
        return List.copyOf(disagreements);
    }

    static String verdictName(Verdict verdict) {
        if (verdict instanceof Verdict.Pass) {
            return "pass";
        }
        if (verdict instanceof Verdict.Fail) {
            return ((Verdict.Fail) verdict).modes().contains(FailureMode.VERIFIER_ERROR) ? "verifier-error" : "fail";
        }
        return "human-review";
    }

    void print(PrintWriter out, int maxListed) {
        out.printf("%-24s %10s %10s %10s%n", "category", "instances", "agree", "agreement");
        categories.forEach((name, c) -> out.printf("%-24s %10d %10d %9.3f%%%n", name, c[0], c[1], percent(c[1], c[0])));
        out.printf("%-24s %10d %10d %9.3f%%%n", "overall", total(), agreed(), percent(agreed(), total()));
        out.println();
        out.println("disagreements by cause (label valid / label invalid):");
        printGrouped(out, byCause());
        out.println();
        out.println("disagreements by schema feature (a disagreement counts once under each feature of its schema):");
        printGrouped(out, byFeature());
        out.println();
        out.println("disagreements" + (disagreements.size() > maxListed ? " (first " + maxListed + ")" : "") + ":");
        disagreements.stream().limit(maxListed).forEach(d -> out.printf("  %s test %d: label %s, verdict %s; %s: %s%n",
                d.rowId(), d.test(), d.label() ? "valid" : "invalid", d.verdict(), d.cause(), d.detail()));
        out.println();
        out.printf("agreement %.3f%% (%d of %d instances)%n", percent(agreed(), total()), agreed(), total());
        out.flush();
    }

    private Map<String, long[]> byCause() {
        Map<String, long[]> m = new TreeMap<>();
        disagreements.forEach(d -> m.computeIfAbsent(d.cause(), k -> new long[2])[d.label() ? 0 : 1]++);
        return m;
    }

    private Map<String, long[]> byFeature() {
        Map<String, long[]> m = new TreeMap<>();
        for (Disagreement d : disagreements) {
            for (String f : d.features().isEmpty() ? List.of("(no feature tags)") : d.features()) {
                m.computeIfAbsent(f, k -> new long[2])[d.label() ? 0 : 1]++;
            }
        }
        return m;
    }

    private static void printGrouped(PrintWriter out, Map<String, long[]> groups) {
        if (groups.isEmpty()) {
            out.println("  (none)");
        }
        Map<String, long[]> sorted = new LinkedHashMap<>();
        groups.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.forEach((k, v) -> out.printf("  %-72s %6d  (%d / %d)%n", k, v[0] + v[1], v[0], v[1]));
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0.0 : 100.0 * part / whole;
    }
}
