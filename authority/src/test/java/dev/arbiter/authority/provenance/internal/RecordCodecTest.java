package dev.arbiter.authority.provenance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.authority.provenance.ContractRef;
import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.EvidenceRef;
import dev.arbiter.authority.provenance.ModelCall;
import dev.arbiter.authority.provenance.PermissionSummary;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.VerdictSummary;
import dev.arbiter.core.CanonicalJson;
import dev.arbiter.core.Digests;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Trust;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical form written straight, and the stored line made from it, equal what the tree gives. */
class RecordCodecTest {

    /** Texts that look like the members the line is cut at, with quotes, escapes and non-ASCII. */
    private static final List<String> TRICKY = List.of("plain", ",\"index\":1", "\"step\":\"x\"", ",\"hash\":\"",
            "quote \" and backslash \\", "line\nbreak\u0001", "Zürich — 日本 😀", "");

    private static ProvenanceEntry entry(int i, boolean full) {
        String t = TRICKY.get(i % TRICKY.size());
        ProvenanceEntry.Builder b = ProvenanceEntry.builder("run-" + t, "step-" + t, Decision.values()[i
                % Decision.values().length]).time(Instant.parse("2025-03-01T10:00:00Z"));
        if (full) {
            b.contract(ContractRef.of("c" + t, "1", Digests.sha256Hex(t)))
                    .evidence(List.of(new EvidenceRef("kb:" + t, Digests.sha256Hex("e" + t), Trust.UNTRUSTED)))
                    .model(i % 2 == 0 ? ModelCall.of("gpt-4o", Digests.sha256Hex("r"), Digests.sha256Hex("g")).withContent(t)
                            : ModelCall.of("gpt-4o", Digests.sha256Hex("r")))
                    .artifactDigest(Digests.sha256Hex("a" + t))
                    .verdicts(List.of(VerdictSummary.pass("json-schema"),
                            VerdictSummary.fail("citations", List.of(FailureMode.HALLUCINATION), List.of(t))))
                    .permissions(List.of(new PermissionSummary("send_" + i, Digests.sha256Hex("call"),
                            PermissionSummary.Outcome.DENY, "no-grant", t)))
                    .approver("alice " + t).note(t);
        }
        return b.build();
    }

    @Test
    void theLineFromTheCanonicalFormEqualsTheLineWrittenFromTheTree() {
        for (int i = 0; i < 64; i++) {
            for (boolean full : List.of(true, false)) {
                for (String keyId : new String[] {null, "key-1"}) {
                    ObjectNode hashed = RecordCodec.hashedJson(i, Digests.sha256Hex("prev" + i), entry(i, full), keyId);
                    String canonical = CanonicalJson.write(hashed);
                    String hash = Digests.sha256Hex(canonical);
                    String signature = keyId == null ? null : "c2lnbmF0dXJlKy8=" + i;

                    assertThat(RecordCodec.line(canonical, () -> hashed, hash, signature))
                            .isEqualTo(RecordCodec.line(hashed, hash, signature));
                    assertThat(RecordCodec.canonicalHashed(i, Digests.sha256Hex("prev" + i), entry(i, full), keyId))
                            .isEqualTo(canonical);
                }
            }
        }
    }

    @Test
    void aFilledTemplateEqualsTheCanonicalForm() {
        for (int i = 0; i < 64; i++) {
            for (boolean full : List.of(true, false)) {
                for (String keyId : new String[] {null, "key-1"}) {
                    RecordCodec.Template template = RecordCodec.template(entry(i, full), keyId);
                    for (long index : new long[] {0, 7, i, 1_000_000_007L, Long.MAX_VALUE}) {
                        String prev = Digests.sha256Hex("prev" + i + "/" + index);
                        assertThat(template.fill(index, prev))
                                .isEqualTo(CanonicalJson.write(RecordCodec.hashedJson(index, prev, entry(i, full), keyId)));
                    }
                }
            }
        }
    }

    /** A random string of every kind of UTF-16 code unit: controls, quotes, backslashes, non-ASCII, lone surrogates. */
    private static String randomText(java.util.SplittableRandom r) {
        int n = r.nextInt(6) == 0 ? 0 : r.nextInt(r.nextBoolean() ? 8 : 300);
        StringBuilder b = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            int kind = r.nextInt(8);
            b.append((char) (kind == 0 ? r.nextInt(0x20) : kind == 1 ? "\"\\/\u007f\u2028".charAt(r.nextInt(5))
                    : kind == 2 ? r.nextInt(0x10000) : kind == 3 ? 0xD800 + r.nextInt(0x800) : 0x20 + r.nextInt(0x5f)));
        }
        return b.toString();
    }

    private static ProvenanceEntry randomEntry(java.util.SplittableRandom r) {
        ProvenanceEntry.Builder b = ProvenanceEntry.builder("run-" + randomText(r), "s" + randomText(r),
                Decision.values()[r.nextInt(Decision.values().length)])
                .time(Instant.ofEpochSecond(r.nextLong(0, 253_402_300_799L), r.nextInt(1_000_000_000)));
        if (r.nextBoolean()) b.contract(ContractRef.of("c" + randomText(r), "v" + randomText(r), Digests.sha256Hex("c")));
        if (r.nextBoolean()) {
            List<EvidenceRef> refs = new java.util.ArrayList<>();
            for (int k = r.nextInt(4); k > 0; k--) {
                refs.add(new EvidenceRef("kb:" + k + randomText(r), Digests.sha256Hex("e" + k),
                        Trust.values()[r.nextInt(Trust.values().length)]));
            }
            b.evidence(refs);
        }
        int model = r.nextInt(4);
        if (model == 1) b.model(ModelCall.of(randomText(r), Digests.sha256Hex("r")));
        if (model == 2) b.model(ModelCall.of(randomText(r), Digests.sha256Hex("r"), Digests.sha256Hex("g")));
        if (model == 3) b.model(ModelCall.of("m", Digests.sha256Hex("r"), Digests.sha256Hex("g")).withContent(randomText(r)));
        if (r.nextBoolean()) b.artifactDigest(Digests.sha256Hex("a"));
        if (r.nextBoolean()) {
            List<VerdictSummary> verdicts = new java.util.ArrayList<>();
            for (int k = r.nextInt(3); k > 0; k--) {
                List<String> findings = new java.util.ArrayList<>();
                for (int f = r.nextInt(3); f > 0; f--) {
                    findings.add(randomText(r));
                }
                verdicts.add(r.nextBoolean() ? VerdictSummary.pass("v" + randomText(r))
                        : VerdictSummary.fail("v" + k, List.of(FailureMode.values()[r.nextInt(FailureMode.values().length)],
                                FailureMode.HALLUCINATION), findings));
            }
            b.verdicts(verdicts);
        }
        if (r.nextBoolean()) {
            b.permissions(List.of(new PermissionSummary("t" + randomText(r), Digests.sha256Hex("call"),
                    PermissionSummary.Outcome.values()[r.nextInt(3)], randomText(r), randomText(r))));
        }
        if (r.nextBoolean()) b.approver("a" + randomText(r));
        if (r.nextBoolean()) b.note(randomText(r));
        return b.build();
    }

    @Test
    void theBuilderWriterEqualsJacksonsGeneratorAndTheTree() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            ProvenanceEntry e = randomEntry(r);
            String keyId = r.nextBoolean() ? null : "key-" + randomText(r);
            long index = r.nextInt(3) == 0 ? r.nextLong(0, Long.MAX_VALUE) : r.nextInt(1_000);
            String prev = Digests.sha256Hex("p" + i);
            String written = RecordCodec.canonicalHashed(index, prev, e, keyId);
            assertThat(written).isEqualTo(RecordCodecJacksonReference.write(index, prev, e, keyId, null));
            if (i % 10 == 0) {
                assertThat(written).isEqualTo(CanonicalJson.write(RecordCodec.hashedJson(index, prev, e, keyId)));
            }
            int[] mine = new int[4];
            int[] jackson = new int[4];
            RecordCodec.writeForTest(e, keyId, mine);
            RecordCodecJacksonReference.write(0, "0".repeat(64), e, keyId, jackson);
            assertThat(mine).isEqualTo(jackson);
            assertThat(RecordCodec.template(e, keyId).fill(index, prev)).isEqualTo(written);
        }
    }
}
