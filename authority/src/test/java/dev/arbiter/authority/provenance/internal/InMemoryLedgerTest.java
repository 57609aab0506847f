package dev.arbiter.authority.provenance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.authority.provenance.ChainHead;
import dev.arbiter.authority.provenance.Ed25519Keys;
import dev.arbiter.authority.provenance.Fixtures;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.provenance.RecordSigner;
import dev.arbiter.authority.provenance.VerifyOptions;
import java.security.KeyPair;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InMemoryLedgerTest {

    @Test
    void recordsAreChainedFromTheGenesisHash() {
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();

        List<ProvenanceRecord> records = Fixtures.fill(ledger, 3);

        assertThat(records.get(0).prevHash()).isEqualTo(ChainHead.GENESIS_HASH);
        assertThat(records.get(1).prevHash()).isEqualTo(records.get(0).hash());
        assertThat(records.get(2).prevHash()).isEqualTo(records.get(1).hash());
        assertThat(records).extracting(ProvenanceRecord::index).containsExactly(0L, 1L, 2L);
        assertThat(ledger.verify()).isEqualTo(new LedgerVerification.Valid(3, records.get(2).head()));
    }

    @Test
    void appendsFromManyThreadsFormOneChain() {
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();

        IntStream.range(0, 400).parallel().forEach(i -> ledger.append(Fixtures.entry(i)));

        assertThat(ledger.verify()).isInstanceOfSatisfying(LedgerVerification.Valid.class,
                v -> assertThat(v.count()).isEqualTo(400));
    }

    @Test
    void recordsPreparedOutsideTheLockEqualRecordsSealedInPlace() {
        RecordSigner signer = RecordSigner.ed25519(Ed25519Keys.generate());
        ProvenanceLedger ledger = ProvenanceLedger.inMemory(signer);

        IntStream.range(0, 300).parallel().forEach(i -> ledger.append(Fixtures.entry(i)));

        List<ProvenanceRecord> records = ledger.read(0, ledger.size());
        for (int i = 0; i < records.size(); i++) {
            ProvenanceRecord r = records.get(i);
            assertThat(r.index()).isEqualTo(i);
            assertThat(r.prevHash()).isEqualTo(i == 0 ? ChainHead.GENESIS_HASH : records.get(i - 1).hash());
            assertThat(r.canonicalLine())
                    .isEqualTo(ProvenanceRecord.seal(i, r.prevHash(), r.entry(), signer).canonicalLine());
        }
    }

    @Test
    void readAndExplainReturnTheStoredRecords() {
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();
        List<ProvenanceRecord> records = Fixtures.fill(ledger, 6);

        assertThat(ledger.read(1, 3)).containsExactly(records.get(1), records.get(2));
        assertThat(ledger.explain("run-1").records()).containsExactly(records.get(2), records.get(3));
        assertThat(ledger.explain(Fixtures.artifact(3)).records()).containsExactly(records.get(3));
        assertThatThrownBy(() -> ledger.read(-1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aSignedLedgerVerifiesWithItsKeyAndNotWithAnother() {
        KeyPair keys = Ed25519Keys.generate();
        ProvenanceLedger ledger = ProvenanceLedger.inMemory(RecordSigner.ed25519(keys));
        Fixtures.fill(ledger, 3);

        assertThat(ledger.verify(VerifyOptions.defaults().withPublicKey(keys.getPublic())).isValid()).isTrue();
        assertThat(ledger.verify(VerifyOptions.defaults().withPublicKey(Ed25519Keys.generate().getPublic())).isValid())
                .isFalse();
    }
}
