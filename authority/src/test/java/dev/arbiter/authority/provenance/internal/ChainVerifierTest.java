package dev.arbiter.authority.provenance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.provenance.ChainHead;
import dev.arbiter.authority.provenance.Ed25519Keys;
import dev.arbiter.authority.provenance.Fixtures;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.LedgerVerification.Broken;
import dev.arbiter.authority.provenance.LedgerVerification.Reason;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.provenance.RecordSigner;
import dev.arbiter.authority.provenance.TamperCases;
import dev.arbiter.authority.provenance.VerifyOptions;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    static final int N = 20;
    static List<String> lines;
    static ChainHead head;
    static final KeyPair KEYS = Ed25519Keys.generate();

    @BeforeAll
    static void chain() {
        lines = lines(ProvenanceLedger.inMemory(), N);
        head = ProvenanceRecord.fromCanonicalLine(lines.get(N - 1)).head();
    }

    static List<String> lines(ProvenanceLedger ledger, int n) {
        return Fixtures.fill(ledger, n).stream().map(ProvenanceRecord::canonicalLine).toList();
    }

    static LedgerVerification verify(List<String> lines, VerifyOptions options, @Nullable ChainHead exactHead) {
        return ChainVerifier.verify(() -> IntStream.range(0, lines.size())
                .mapToObj(i -> StoredLine.of(i, "line " + (i + 1), lines.get(i))), options, exactHead);
    }

    @Test
    void anIntactChainIsValidWithItsCountAndHead() {
        assertThat(verify(lines, VerifyOptions.defaults(), null))
                .isEqualTo(new LedgerVerification.Valid(N, head));
    }

    @Test
    void anEmptyChainIsValid() {
        assertThat(verify(List.of(), VerifyOptions.defaults(), null))
                .isEqualTo(new LedgerVerification.Valid(0, ChainHead.EMPTY));
    }

    @Test
    void aRemovedMiddleRecordIsNamedWithItsIndex() {
        List<String> cut = new ArrayList<>(lines);
        cut.remove(7);

        assertThat(verify(cut, VerifyOptions.defaults(), null)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.index()).isEqualTo(7);
            assertThat(b.reason()).isEqualTo(Reason.REMOVED);
            assertThat(b.message()).isEqualTo("record 7 is missing: after record 6, line 8 holds record 8");
        });
    }

    @Test
    void anExactHeadFindsTheSameTamperingAsAnAnchor() {
        for (TamperCases.Case c : TamperCases.all(lines)) {
            LedgerVerification anchored = verify(c.lines(), VerifyOptions.defaults().withAnchor(head), null);
            LedgerVerification exact = verify(c.lines(), VerifyOptions.defaults(), head);

            assertThat(exact).as(c.name()).isInstanceOfSatisfying(Broken.class, b -> {
                assertThat(b.index()).as(c.name() + ": " + b.message()).isEqualTo(c.index());
                assertThat(b.reason()).as(c.name() + ": " + b.message()).isEqualTo(c.reason());
            });
            assertThat(anchored).as(c.name()).isInstanceOfSatisfying(Broken.class, b -> {
                assertThat(b.index()).as(c.name() + ": " + b.message()).isEqualTo(c.index());
                assertThat(b.reason()).as(c.name() + ": " + b.message()).isEqualTo(c.reason());
            });
        }
    }

    @Test
    void withoutAnAnchorTheRemovalOfTheLastRecordLooksLikeAShorterChain() {
        List<String> cut = lines.subList(0, N - 1);

        assertThat(verify(cut, VerifyOptions.defaults(), null)).isInstanceOf(LedgerVerification.Valid.class);
        assertThat(verify(cut, VerifyOptions.defaults().withAnchor(head), null)).isInstanceOfSatisfying(Broken.class,
                b -> {
                    assertThat(b.index()).isEqualTo(N - 1);
                    assertThat(b.reason()).isEqualTo(Reason.REMOVED);
                    assertThat(b.message()).contains("the anchor says at least 20").contains("line 19");
                });
    }

    @Test
    void withoutAnAnchorAForgedSiblingOfTheLastRecordIsReportedAfterIt() {
        TamperCases.Case c = TamperCases.forgedBefore(lines, N - 1);

        LedgerVerification v = verify(c.lines(), VerifyOptions.defaults(), null);

        assertThat(v).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.reason()).isEqualTo(Reason.INSERTED);
            assertThat(b.index()).isEqualTo(N);
        });
    }

    @Test
    void recordsAppendedAfterAnAnchorAreFine() {
        ChainHead early = ProvenanceRecord.fromCanonicalLine(lines.get(4)).head();

        assertThat(verify(lines, VerifyOptions.defaults().withAnchor(early), null).isValid()).isTrue();
    }

    @Test
    void anAnchorWhoseHashDiffersNamesTheRecordAtTheAnchor() {
        ChainHead wrong = new ChainHead(5, "cd".repeat(32));

        assertThat(verify(lines, VerifyOptions.defaults().withAnchor(wrong), null))
                .isInstanceOfSatisfying(Broken.class, b -> {
                    assertThat(b.index()).isEqualTo(4);
                    assertThat(b.reason()).isEqualTo(Reason.CHANGED);
                });
    }

    @Test
    void recordsPastAnExactHeadWereInserted() {
        ChainHead early = ProvenanceRecord.fromCanonicalLine(lines.get(4)).head();

        assertThat(verify(lines, VerifyOptions.defaults(), early)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.index()).isEqualTo(5);
            assertThat(b.reason()).isEqualTo(Reason.INSERTED);
        });
    }

    @Test
    void aPartialLastLineIsATruncatedLine() {
        List<StoredLine> stored = new ArrayList<>();
        for (int i = 0; i < 3; i++) stored.add(StoredLine.of(i, "line " + (i + 1), lines.get(i)));
        stored.add(new StoredLine(3, "line 4", lines.get(3).substring(0, 40), false, null));

        LedgerVerification v = ChainVerifier.verify(stored::stream, VerifyOptions.defaults(), null);

        assertThat(v).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.index()).isEqualTo(3);
            assertThat(b.reason()).isEqualTo(Reason.TRUNCATED_LINE);
            assertThat(b.message()).contains("line 4");
        });
    }

    @Test
    void aRowWhoseRunIdColumnDisagreesWithItsRecordWasChanged() {
        List<StoredLine> stored = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ProvenanceRecord r = ProvenanceRecord.fromCanonicalLine(lines.get(i));
            String runId = i == 2 ? "someone-else" : r.entry().runId();
            stored.add(new StoredLine(i, "row seq=" + i, lines.get(i), true,
                    new StoredLine.Columns(r.hash(), runId, r.entry().artifactDigest().orElse(null))));
        }

        LedgerVerification v = ChainVerifier.verify(stored::stream, VerifyOptions.defaults(), null);

        assertThat(v).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.index()).isEqualTo(2);
            assertThat(b.reason()).isEqualTo(Reason.CHANGED);
            assertThat(b.message()).contains("run_id column 'someone-else'");
        });
    }

    @Test
    void aSignedChainVerifiesWithItsPublicKey() {
        List<String> signed = lines(ProvenanceLedger.inMemory(RecordSigner.ed25519(KEYS)), 5);

        assertThat(verify(signed, VerifyOptions.defaults().withPublicKey(KEYS.getPublic()), null).isValid()).isTrue();
    }

    @Test
    void aTamperedSignatureIsABadSignatureAtItsRecord() {
        List<String> signed = new ArrayList<>(lines(ProvenanceLedger.inMemory(RecordSigner.ed25519(KEYS)), 5));
        ProvenanceRecord r = ProvenanceRecord.fromCanonicalLine(signed.get(3));
        String sig = r.signature().orElseThrow();
        String other = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
        signed.set(3, signed.get(3).replace(sig, other));

        assertThat(verify(signed, VerifyOptions.defaults(), null).isValid()).as("unchecked without a key").isTrue();
        assertThat(verify(signed, VerifyOptions.defaults().withPublicKey(KEYS.getPublic()), null))
                .isInstanceOfSatisfying(Broken.class, b -> {
                    assertThat(b.index()).isEqualTo(3);
                    assertThat(b.reason()).isEqualTo(Reason.BAD_SIGNATURE);
                });
    }

    @Test
    void aRehashedRecordInASignedChainIsABadSignatureAtThatRecord() {
        List<String> signed = lines(ProvenanceLedger.inMemory(RecordSigner.ed25519(KEYS)), 6);
        TamperCases.Case c = TamperCases.changedAndRehashed(signed, 2);

        assertThat(verify(c.lines(), VerifyOptions.defaults().withPublicKey(KEYS.getPublic()), null))
                .isInstanceOfSatisfying(Broken.class, b -> {
                    assertThat(b.index()).isEqualTo(2);
                    assertThat(b.reason()).isEqualTo(Reason.BAD_SIGNATURE);
                    assertThat(b.message()).contains("is not signed");
                });
    }

    @Test
    void aRecordSignedByAnUnknownKeyIsABadSignature() {
        List<String> signed = lines(ProvenanceLedger.inMemory(RecordSigner.ed25519(Ed25519Keys.generate())), 2);

        assertThat(verify(signed, VerifyOptions.defaults().withPublicKey(KEYS.getPublic()), null))
                .isInstanceOfSatisfying(Broken.class, b -> {
                    assertThat(b.index()).isZero();
                    assertThat(b.reason()).isEqualTo(Reason.BAD_SIGNATURE);
                    assertThat(b.message()).contains("not among the given public keys");
                });
    }

    @Test
    void anUnsignedRecordIsABadSignatureWhenKeysAreGiven() {
        assertThat(verify(lines, VerifyOptions.defaults().withPublicKey(KEYS.getPublic()), null))
                .isInstanceOfSatisfying(Broken.class, b -> {
                    assertThat(b.index()).isZero();
                    assertThat(b.reason()).isEqualTo(Reason.BAD_SIGNATURE);
                });
    }
}
