package dev.arbiter.cli.steering;

import dev.arbiter.steering.constraint.ProviderSchema;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Counts, per category, how JSONSchemaBench schemas compile and convert, and prints the table. Not thread-safe. */
final class SchemaTally {

    /** The counts of one category. */
    static final class Row {
        int schemas;
        int compiles;
        int exact;
        int relaxed;
        int weakened;
        int fallback;
    }

    private final Map<String, Row> rows = new TreeMap<>();
    private final Row total = new Row();
    private final Map<String, Integer> fallbackCauses = new LinkedHashMap<>();
    private final Map<String, Integer> relaxationCauses = new LinkedHashMap<>();
    int unreadable;

    void add(String category, boolean compiles, ProviderSchema result) {
        for (Row r : new Row[] {rows.computeIfAbsent(category, k -> new Row()), total}) {
            r.schemas++;
            if (compiles) r.compiles++;
            if (result instanceof ProviderSchema.Fallback) {
                r.fallback++;
            } else {
                ProviderSchema.Converted c = (ProviderSchema.Converted) result;
                if (c.exact()) r.exact++;
                else r.relaxed++;
                if (c.weakened()) r.weakened++;
            }
        }
        Set<String> causes = new HashSet<>();
        if (result instanceof ProviderSchema.Fallback f) {
            f.problems().forEach(p -> causes.add(p.cause()));
            causes.forEach(c -> fallbackCauses.merge(c, 1, Integer::sum));
        } else {
            ((ProviderSchema.Converted) result).lossy().forEach(r -> causes.add(
                    r.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + r.keyword()));
            causes.forEach(c -> relaxationCauses.merge(c, 1, Integer::sum));
        }
    }

    Row total() {
        return total;
    }

    void print(PrintWriter out, int top) {
        String format = "%-24s %8s %9s %9s %9s %10s %9s%n";
        out.printf(format, "category", "schemas", "compiles", "exact", "relaxed", "weakened", "fallback");
        rows.forEach((name, r) -> line(out, format, name, r));
        line(out, format, "TOTAL", total);
        out.println();
        out.println("exact: converted with only lossless changes; relaxed: converted with at least one lossy change;");
        out.println("weakened (part of relaxed): the provider may produce output the full schema rejects;");
        out.println("fallback: plain JSON response format with the schema in the instructions.");
        causes(out, "Top causes of fallback (schemas with the cause)", fallbackCauses, top);
        causes(out, "Top relaxations (converted schemas with the relaxation)", relaxationCauses, top);
        if (unreadable > 0) out.println("Rows that could not be read: " + unreadable);
        out.println();
        StringBuilder largest = new StringBuilder();
        fallbackCauses.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).limit(3)
                .forEach(e -> largest.append(largest.length() == 0 ? "" : ", ").append(e.getKey())
                        .append(" (").append(e.getValue()).append(")"));
        out.printf("Totals: %d schemas; %s compile; OpenAI strict: %s exact, %s relaxed (%s weakened), %s fall back"
                        + "%s%n", total.schemas, pct(total.compiles, total.schemas), pct(total.exact, total.schemas),
                pct(total.relaxed, total.schemas), pct(total.weakened, total.schemas),
                pct(total.fallback, total.schemas),
                largest.length() == 0 ? "" : "; largest causes of fallback: " + largest);
    }

    private static void line(PrintWriter out, String format, String name, Row r) {
        out.printf(format, name, r.schemas, pct(r.compiles, r.schemas), pct(r.exact, r.schemas),
                pct(r.relaxed, r.schemas), pct(r.weakened, r.schemas), pct(r.fallback, r.schemas));
    }

    private static void causes(PrintWriter out, String title, Map<String, Integer> causes, int top) {
        out.println();
        out.println(title + ":");
        if (causes.isEmpty()) {
            out.println("  (none)");
            return;
        }
        causes.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).limit(top)
                .forEach(e -> out.printf("  %6d  %s%n", e.getValue(), e.getKey()));
    }

    static String pct(int part, int whole) {
        return whole == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
