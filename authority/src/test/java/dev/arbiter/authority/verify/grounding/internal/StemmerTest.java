package dev.arbiter.authority.verify.grounding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StemmerTest {

    @Test
    void inflectionsMeetAtOneStem() {
        assertThat(Stemmer.stem("hired")).isEqualTo(Stemmer.stem("hire")).isEqualTo(Stemmer.stem("hiring"));
        assertThat(Stemmer.stem("companies")).isEqualTo(Stemmer.stem("company"));
        assertThat(Stemmer.stem("Increases")).isEqualTo(Stemmer.stem("increased"));
        assertThat(Stemmer.stem("stopped")).isEqualTo(Stemmer.stem("stop"));
    }

    @Test
    void irregularFormsMeetTheirBase() {
        assertThat(Stemmer.stem("rose")).isEqualTo(Stemmer.stem("rise"));
        assertThat(Stemmer.stem("fell")).isEqualTo(Stemmer.stem("falls"));
        assertThat(Stemmer.stem("sold")).isEqualTo(Stemmer.stem("sell"));
    }

    @Test
    void differentWordsStayApart() {
        assertThat(Stemmer.stem("rise")).isNotEqualTo(Stemmer.stem("fall"));
        assertThat(Stemmer.stem("hired")).isNotEqualTo(Stemmer.stem("fired"));
    }
}
