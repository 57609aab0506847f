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
}
