package dev.arbiter.authority.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.FailureMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A redacting ledger appends an entry that redaction does not change as it is: the records (lines and hashes) equal
 * those of the entry rebuilt with every free text redacted, as the ledger always built it, on entries with and
 * without text to redact in each place (note, findings, permission reasons, kept content), appended with {@code append}
 * or {@code appendAsync}.
 */
class RedactingLedgerPassThroughTest {

    private static final String[] TEXTS = {
        "accepted on attempt 1", "step completed", "SCHEMA_VIOLATION -> REPAIR: 2 finding(s)",
        "mail jane.doe@example.com", "call +49 30 1234 5678", "card 4111 1111 1111 1111",
        "Authorization: Bearer abc.def.ghi123", "recipient outside the company", "/total: expected number",
        "{\"number\":\"INV-4711\",\"total\":1190.0}", "key sk-proj-abcdefghijklmnop1234", "", " "
    };

    /** The entry as the redacting ledger always rebuilt it, whatever redaction changed. */
    private static ProvenanceEntry rebuilt(ProvenanceEntry entry, Redactor r) {
        ProvenanceEntry.Builder b = entry.toBuilder()
                .note(entry.note().map(r::redact).orElse(null))
                .verdicts(entry.verdicts().stream().map(v -> new VerdictSummary(v.verifierId(), v.outcome(),
                        v.failureModes(), v.findings().stream().map(r::redact).toList())).toList())
                .permissions(entry.permissions().stream().map(p -> new PermissionSummary(p.toolName(),
                        p.callDigest(), p.decision(), p.rule(), r.redact(p.reason()))).toList());
        entry.model().ifPresent(m -> {
            ModelCall plain = m.generationDigest().isPresent()
                    ? ModelCall.of(m.modelId(), m.requestDigest(), m.generationDigest().get())
                    : ModelCall.of(m.modelId(), m.requestDigest());
            b.model(m.content().map(c -> plain.withContent(r.redact(c))).orElse(plain));
        });
        return b.build();
    }

    private static String text(SplittableRandom random) {
        return TEXTS[random.nextInt(TEXTS.length)];
    }

    private static ProvenanceEntry entry(int i, SplittableRandom random) {
        ProvenanceEntry.Builder b = Fixtures.entry(i).toBuilder();
        if (random.nextInt(4) > 0) {
            b.note(text(random));
        }
        if (random.nextBoolean()) {
            List<String> findings = new ArrayList<>();
            for (int k = random.nextInt(3); k > 0; k--) {
                findings.add(text(random));
            }
            b.verdicts(List.of(VerdictSummary.pass("json-schema"),
                    VerdictSummary.fail("citations", List.of(FailureMode.HALLUCINATION), findings)));
        }
        if (random.nextBoolean()) {
            b.permissions(List.of(new PermissionSummary("send_email", Fixtures.digest("call " + i),
                    PermissionSummary.Outcome.NEEDS_APPROVAL, "external-mail", text(random))));
        }
        int model = random.nextInt(3);
        if (model == 0) {
            b.model(ModelCall.of("gpt-4o", Fixtures.digest("request " + i)));
        } else if (model == 1) {
            b.model(ModelCall.of("gpt-4o", Fixtures.digest("request " + i), Fixtures.digest("generation " + i))
                    .withContent(text(random)));
        }
        return b.build();
    }

    @Test
    void recordsEqualThoseOfTheRebuiltEntries() {
        for (Redactor r : new Redactor[] {Redactor.standard(), Redactor.builder().secret("attempt").build()}) {
            ProvenanceLedger redacting = r.ledger(ProvenanceLedger.inMemory());
            ProvenanceLedger plain = ProvenanceLedger.inMemory();
            SplittableRandom random = new SplittableRandom(7);
            int unchanged = 0;
            for (int i = 0; i < 3_000; i++) {
                ProvenanceEntry e = entry(i, random);
                ProvenanceEntry expected = rebuilt(e, r);
                if (expected.equals(e)) {
                    unchanged++;
                }
                // every other one asynchronously: the same redaction either way
                ProvenanceRecord got = i % 2 == 0 ? redacting.append(e) : redacting.appendAsync(e).join();
                ProvenanceRecord want = plain.append(expected);
                assertThat(got.canonicalLine()).isEqualTo(want.canonicalLine());
                assertThat(got.hash()).isEqualTo(want.hash());
            }
            assertThat(unchanged).isBetween(100, 2_900);
        }
    }
}
