package dev.arbiter.authority.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Trust;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ProvenanceRecordTest {

    static final String D1 = "1".repeat(64);
    static final String D2 = "2".repeat(64);
    static final String D3 = "3".repeat(64);
    static final String D4 = "4".repeat(64);
    static final String D5 = "5".repeat(64);

    /** Every part set, so the golden line pins every member's name and form. */
    static ProvenanceEntry fullEntry() {
        return ProvenanceEntry.builder("run-7", "summarize", Decision.ACCEPTED)
                .time(Instant.parse("2025-03-01T10:00:00.250Z"))
                .contract(ContractRef.of("claims-summary", "3", "fp"))
                .evidence(List.of(new EvidenceRef("kb:1", D1, Trust.UNTRUSTED)))
                .model(ModelCall.of("m-1", D2, D3).withContent("Net loss: 4 €"))
                .artifactDigest(D4)
                .verdicts(List.of(VerdictSummary.fail("citations", List.of(FailureMode.HALLUCINATION),
                        List.of("quote \"x\" not found"))))
                .permissions(List.of(new PermissionSummary("send_email", D5, PermissionSummary.Outcome.DENY,
                        "external-mail", "outside")))
                .approver("alice")
                .note("line1\nline2")
                .build();
    }

    static final String GOLDEN_LINE = "{\"approver\":\"alice\",\"artifactDigest\":\"" + D4 + "\","
            + "\"contract\":{\"fingerprint\":\"fp\",\"id\":\"claims-summary\",\"version\":\"3\"},"
            + "\"decision\":\"ACCEPTED\","
            + "\"evidence\":[{\"digest\":\"" + D1 + "\",\"sourceId\":\"kb:1\",\"trust\":\"UNTRUSTED\"}],"
            + "\"hash\":\"HASH\",\"index\":0,"
            + "\"model\":{\"content\":\"Net loss: 4 €\",\"generationDigest\":\"" + D3 + "\",\"id\":\"m-1\","
            + "\"requestDigest\":\"" + D2 + "\"},"
            + "\"note\":\"line1\\nline2\","
            + "\"permissions\":[{\"callDigest\":\"" + D5 + "\",\"decision\":\"DENY\",\"reason\":\"outside\","
            + "\"rule\":\"external-mail\",\"toolName\":\"send_email\"}],"
            + "\"prevHash\":\"" + "0".repeat(64) + "\",\"runId\":\"run-7\",\"step\":\"summarize\","
            + "\"time\":\"2025-03-01T10:00:00.250Z\",\"v\":1,"
            + "\"verdicts\":[{\"failureModes\":[\"HALLUCINATION\"],\"findings\":[\"quote \\\"x\\\" not found\"],"
            + "\"outcome\":\"FAIL\",\"verifierId\":\"citations\"}]}";

    /** SHA-256 of GOLDEN_LINE without its hash member, computed outside Java (sha256sum). */
    static final String GOLDEN_HASH = "a5f5f77bf36fa9da91fc1cc95d3531c42a121938017d0b59ba56ce31869aee2d";

    @Test
    void theCanonicalLineHasSortedMembersAndNoWhitespace() {
        ProvenanceRecord r = ProvenanceRecord.seal(0, ChainHead.GENESIS_HASH, fullEntry(), null);

        assertThat(r.canonicalLine()).isEqualTo(GOLDEN_LINE.replace("HASH", r.hash()));
    }

    @Test
    void theLineMadeWhenFirstAskedIsTheSameForThreadsAskingAtOnce() throws Exception {
        String expected = GOLDEN_LINE.replace("HASH", GOLDEN_HASH);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 200; round++) {
                ProvenanceRecord r = ProvenanceRecord.prepare(fullEntry(), null).seal(0, ChainHead.GENESIS_HASH);
                CyclicBarrier together = new CyclicBarrier(4);
                List<Future<String>> lines = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    lines.add(pool.submit(() -> {
                        together.await();
                        return r.canonicalLine();
                    }));
                }
                for (Future<String> line : lines) {
                    assertThat(line.get()).isEqualTo(expected);
                }
                ProvenanceRecord read = ProvenanceRecord.fromCanonicalLine(expected);
                assertThat(r).isEqualTo(read).hasSameHashCodeAs(read);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theHashIsTheSha256OfTheCanonicalFormWithoutHashAndSignature() {
        ProvenanceRecord r = ProvenanceRecord.seal(0, ChainHead.GENESIS_HASH, fullEntry(), null);

        assertThat(r.hash()).isEqualTo(GOLDEN_HASH);
    }

    @Test
    void aLineReadBackIsTheSameRecordAndIntact() {
        ProvenanceRecord r = ProvenanceRecord.seal(3, "ab".repeat(32), fullEntry(), null);

        ProvenanceRecord back = ProvenanceRecord.fromCanonicalLine(r.canonicalLine());

        assertThat(back).isEqualTo(r);
        assertThat(back.entry()).isEqualTo(fullEntry());
        assertThat(back.index()).isEqualTo(3);
        assertThat(back.prevHash()).isEqualTo("ab".repeat(32));
        assertThat(back.hash()).isEqualTo(r.hash());
        assertThat(back.isIntact()).isTrue();
    }

    @Test
    void aLineWhoseContentWasEditedIsReadButNotIntact() {
        String line = ProvenanceRecord.seal(0, ChainHead.GENESIS_HASH, fullEntry(), null).canonicalLine();

        ProvenanceRecord edited = ProvenanceRecord.fromCanonicalLine(line.replace("\"alice\"", "\"mallory\""));

        assertThat(edited.entry().approver()).contains("mallory");
        assertThat(edited.isIntact()).isFalse();
    }

    @Test
    void whitespaceAndMemberOrderDoNotChangeTheHash() {
        ProvenanceRecord r = ProvenanceRecord.seal(0, ChainHead.GENESIS_HASH, minimalEntry(), null);
        String reordered = "{ \"v\": 1, \"step\": \"s\", \"runId\": \"r\", \"prevHash\": \"" + ChainHead.GENESIS_HASH
                + "\", \"index\": 0, \"time\": \"2025-03-01T10:00:00Z\", \"decision\": \"FAILED\", \"hash\": \""
                + r.hash() + "\" }";

        assertThat(ProvenanceRecord.fromCanonicalLine(reordered).isIntact()).isTrue();
    }

    static ProvenanceEntry minimalEntry() {
        return ProvenanceEntry.builder("r", "s", Decision.FAILED).time(Instant.parse("2025-03-01T10:00:00Z")).build();
    }

    @Test
    void absentPartsAreLeftOutOfTheCanonicalForm() {
        ProvenanceRecord r = ProvenanceRecord.seal(0, ChainHead.GENESIS_HASH, minimalEntry(), null);

        assertThat(r.canonicalLine()).isEqualTo("{\"decision\":\"FAILED\",\"hash\":\"" + r.hash() + "\",\"index\":0,"
                + "\"prevHash\":\"" + ChainHead.GENESIS_HASH + "\",\"runId\":\"r\",\"step\":\"s\","
                + "\"time\":\"2025-03-01T10:00:00Z\",\"v\":1}");
    }

    @Test
    void theHashCoversThePreviousHashAndTheIndex() {
        ProvenanceRecord a = ProvenanceRecord.seal(0, ChainHead.GENESIS_HASH, minimalEntry(), null);
        ProvenanceRecord b = ProvenanceRecord.seal(0, "ab".repeat(32), minimalEntry(), null);
        ProvenanceRecord c = ProvenanceRecord.seal(1, ChainHead.GENESIS_HASH, minimalEntry(), null);

        assertThat(List.of(a.hash(), b.hash(), c.hash())).doesNotHaveDuplicates();
    }

    @Test
    void anUnknownMemberIsRejectedByName() {
        String line = ProvenanceRecord.seal(0, ChainHead.GENESIS_HASH, minimalEntry(), null).canonicalLine();

        assertThatThrownBy(() -> ProvenanceRecord.fromCanonicalLine(line.replace("{", "{\"extra\":1,")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown member 'extra'");
    }

    @Test
    void aDuplicateMemberIsRejected() {
        String line = ProvenanceRecord.seal(0, ChainHead.GENESIS_HASH, minimalEntry(), null).canonicalLine();

        assertThatThrownBy(() -> ProvenanceRecord.fromCanonicalLine(line.replace("{", "{\"step\":\"x\",")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step");
    }

    @Test
    void aMissingMemberIsNamed() {
        String line = ProvenanceRecord.seal(0, ChainHead.GENESIS_HASH, minimalEntry(), null).canonicalLine();

        assertThatThrownBy(() -> ProvenanceRecord.fromCanonicalLine(line.replace("\"runId\":\"r\",", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing member 'runId'");
    }

    @Test
    void anotherFormatVersionIsRejected() {
        String line = ProvenanceRecord.seal(0, ChainHead.GENESIS_HASH, minimalEntry(), null).canonicalLine();

        assertThatThrownBy(() -> ProvenanceRecord.fromCanonicalLine(line.replace("\"v\":1", "\"v\":2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v=2");
    }

    @Test
    void sealingChecksTheIndexAndThePreviousHash() {
        assertThatThrownBy(() -> ProvenanceRecord.seal(-1, ChainHead.GENESIS_HASH, minimalEntry(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> ProvenanceRecord.seal(0, "xyz", minimalEntry(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prevHash");
    }

    @Test
    void aSignedRecordNamesItsKeyInTheHashedPartAndVerifiesWithThePublicKey() {
        KeyPair keys = Ed25519Keys.generate();
        ProvenanceRecord r = ProvenanceRecord.seal(0, ChainHead.GENESIS_HASH, minimalEntry(), RecordSigner.ed25519(keys));
        ProvenanceRecord back = ProvenanceRecord.fromCanonicalLine(r.canonicalLine());

        assertThat(back.keyId()).contains(Ed25519Keys.keyId(keys.getPublic()));
        assertThat(back.isIntact()).isTrue();
        assertThat(back.hasValidSignature(keys.getPublic())).isTrue();
        assertThat(back.hasValidSignature(Ed25519Keys.generate().getPublic())).isFalse();
        assertThat(r.hash()).isNotEqualTo(ProvenanceRecord.seal(0, ChainHead.GENESIS_HASH, minimalEntry(), null).hash());
    }

    @Test
    void aChangedSignatureLeavesTheRecordIntactButInvalidlySigned() {
        KeyPair keys = Ed25519Keys.generate();
        ProvenanceRecord r = ProvenanceRecord.seal(0, ChainHead.GENESIS_HASH, minimalEntry(), RecordSigner.ed25519(keys));
        String sig = r.signature().orElseThrow();
        String other = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);

        ProvenanceRecord tampered = ProvenanceRecord.fromCanonicalLine(r.canonicalLine().replace(sig, other));

        assertThat(tampered.isIntact()).isTrue();
        assertThat(tampered.hasValidSignature(keys.getPublic())).isFalse();
    }

    @Test
    void anUnsignedRecordHasNoValidSignature() {
        ProvenanceRecord r = ProvenanceRecord.seal(0, ChainHead.GENESIS_HASH, minimalEntry(), null);

        assertThat(r.keyId()).isEmpty();
        assertThat(r.signature()).isEmpty();
        assertThat(r.hasValidSignature(Ed25519Keys.generate().getPublic())).isFalse();
    }

    @Test
    void theHeadOfARecordIsTheChainEndingWithIt() {
        ProvenanceRecord r = ProvenanceRecord.seal(4, "ab".repeat(32), minimalEntry(), null);

        assertThat(r.head()).isEqualTo(new ChainHead(5, r.hash()));
    }
}
