package dev.arbiter.workflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.permission.PolicyFiles;
import dev.arbiter.authority.permission.PolicyFormatException;
import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.FileLedger;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.steering.intent.ContractFormatException;
import dev.arbiter.steering.intent.IntentContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad policy files, contracts and ledgers: every broken file fails with its format exception (or, for a ledger, a
 * broken verification) whose message names the line, in bounded time; never another exception, never a hang.
 * Golden sets are checked the same way in eval's {@code BadGoldenSetTest}.
 */
class BadFilesTest {

    static final String POLICY = """
            id: payments
            version: "3"
            tools:
              send_money:
                side_effect: irreversible
                sensitive: [recipient]
                grant:
                  untrusted_values: approve
                  max_calls_per_run: 10
                  limits:
                    amount: {min: 0, max: 10000, on_breach: approve}
              get_balance:
                side_effect: read
                grant: {}
            """;

    static final String CONTRACT = """
            id: invoice-extract
            version: "1"
            purpose: Extract the invoice number and total for the accounts team.
            audience: The accounts payable team.
            task: Read the invoice and return its number and total as JSON.
            rules:
              - Use only the invoice text.
            success_criteria:
              - The number and total match the invoice exactly.
            """;

    /** Broken variants of a valid text: each line replaced, duplicated, cut, or garbled; plus bombs and deep nesting. */
    static List<String> broken(String valid, Random random, int count) {
        List<String> out = new ArrayList<>();
        String[] lines = valid.split("\n");
        out.add("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                + "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n" + valid);
        out.add(valid + "deep: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
        out.add(valid + "deep2: " + "{a: ".repeat(10_000) + "1" + "}".repeat(10_000) + "\n");
        out.add(valid + "big: \"" + "x".repeat(5_000_000) + "\"\n");
        out.add("\u0000\u0001\uFFFE" + valid);
        out.add(valid.replace("\n", "\r\n\t"));
        for (int i = 0; i < count; i++) {
            List<String> l = new ArrayList<>(List.of(lines));
            int at = random.nextInt(l.size());
            switch (random.nextInt(6)) {
                case 0 -> l.set(at, l.get(at) + " ]{:");
                case 1 -> l.add(at, l.get(at));
                case 2 -> l.set(at, l.get(at).substring(0, random.nextInt(l.get(at).length() + 1)));
                case 3 -> l.set(at, "\t" + l.get(at));
                case 4 -> l.set(at, l.get(at).replace(":", ""));
                default -> l.add(at, "unknown_key_" + i + ": 1");
            }
            out.add(String.join("\n", l) + "\n");
        }
        return out;
    }

    private static int check(List<String> texts, Class<? extends RuntimeException> expected, Consumer<String> load) {
        int refused = 0;
        for (String text : texts) {
            long t0 = Reliability.cpuNanos();
            try {
                load.accept(text);
            } catch (RuntimeException e) {
                assertThat(e).as("%s", abbreviate(text)).isInstanceOf(expected);
                assertThat(e.getMessage()).as("%s", abbreviate(text)).containsPattern("(line \\d+|\\.yaml:\\d+:)");
                refused++;
            }
            assertThat((Reliability.cpuNanos() - t0) / 1_000_000).as("%s: CPU milliseconds", abbreviate(text))
                    .isLessThan(10_000);
        }
        return refused;
    }

    static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    @Test
    void brokenPolicyFilesNameTheLine() {
        List<String> texts = broken(POLICY, new Random(1), Reliability.scale(200, 5_000));
        int refused = check(texts, PolicyFormatException.class,
                t -> PolicyFiles.parse(t, "payments.yaml", PolicyFiles.Format.YAML));
        Reliability.figure("bad policy files", texts.size() + " broken variants, " + refused
                + " refused naming the line, the rest still valid policies, no other exception");
    }

    @Test
    void brokenContractsNameTheLine() {
        List<String> texts = broken(CONTRACT, new Random(2), Reliability.scale(200, 5_000));
        int refused = check(texts, ContractFormatException.class, t -> IntentContract.fromYaml(t, "contract.yaml"));
        Reliability.figure("bad contracts", texts.size() + " broken variants, " + refused
                + " refused naming the line, the rest still valid contracts, no other exception");
    }

    @TempDir
    Path dir;

    @Test
    void brokenLedgerFilesNameTheLine() throws Exception {
        Path file = dir.resolve("ledger.jsonl");
        try (FileLedger ledger = ProvenanceLedger.file(file).open()) {
            for (int i = 0; i < 20; i++) {
                ledger.append(ProvenanceEntry.builder("run-" + i, "step", Decision.ACCEPTED).note("n" + i).build());
            }
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Random random = new Random(3);
        int cases = Reliability.scale(100, 2_000);
        int broken = 0;
        for (int i = 0; i < cases; i++) {
            List<String> l = new ArrayList<>(lines);
            int at = random.nextInt(l.size());
            String line = l.get(at);
            switch (random.nextInt(5)) {
                case 0 -> l.set(at, line.substring(0, random.nextInt(line.length())));
                case 1 -> l.set(at, line.replace("\"run-", "\"RUN-"));
                case 2 -> l.set(at, "[".repeat(10_000));
                case 3 -> l.set(at, line.replaceFirst("\\{", "{\"index\":1e999999999,"));
                default -> l.set(at, line + line);
            }
            Path damaged = dir.resolve("damaged-" + i + ".jsonl");
            Files.write(damaged, l, StandardCharsets.UTF_8);
            var reader = ProvenanceLedger.file(damaged).openReader();
            LedgerVerification v = reader.verify();
            reader.close();
            assertThat(v.isValid()).as("case %d, line %d", i, at + 1).isFalse();
            assertThat(((LedgerVerification.Broken) v).message()).as("case %d", i).contains("line " + (at + 1));
            broken++;
        }
        Reliability.figure("bad ledger files", cases + " damaged ledgers (one line truncated, edited, replaced by "
                + "10,000 brackets, given a huge index or doubled): " + broken + " found broken naming the line");
    }
}
