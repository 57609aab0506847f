package dev.arbiter.authority.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChainHeadTest {

    @Test
    void aHeadReadsBackFromItsText() {
        ChainHead head = new ChainHead(20, "ab".repeat(32));

        assertThat(head.toString()).isEqualTo("20:" + "ab".repeat(32));
        assertThat(ChainHead.parse(head.toString())).isEqualTo(head);
    }

    @Test
    void textThatIsNotSizeColonHashIsRejected() {
        assertThatThrownBy(() -> ChainHead.parse("20")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SIZE:HASH");
        assertThatThrownBy(() -> ChainHead.parse("x:" + "ab".repeat(32))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> ChainHead.parse("3:abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hash");
    }

    @Test
    void anEmptyChainHasTheGenesisHash() {
        assertThat(ChainHead.EMPTY.hash()).isEqualTo("0".repeat(64));
        assertThatThrownBy(() -> new ChainHead(0, "ab".repeat(32))).isInstanceOf(IllegalArgumentException.class);
    }
}
