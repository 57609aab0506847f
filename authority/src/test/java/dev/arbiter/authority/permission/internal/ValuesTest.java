package dev.arbiter.authority.permission.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void ibanWithSpacesAndOtherCaseIsTheSameValue() {
        assertThat(Values.same("GB29 NWBK 6016 1331 9268 19", "gb29nwbk60161331926819")).isTrue();
        assertThat(Values.appearsIn("GB29NWBK60161331926819", "pay to GB29 NWBK 6016 1331 9268 19 today")).isTrue();
    }

    @Test
    void differentIbanDoesNotAppear() {
        assertThat(Values.appearsIn("GB29NWBK60161331926818", "pay to GB29 NWBK 6016 1331 9268 19 today")).isFalse();
    }

    @Test
    void phoneNumberMatchesWithSeparators() {
        assertThat(Values.appearsIn("+1 (555) 123-4567", "call +15551234567 please")).isTrue();
        assertThat(Values.appearsIn("+15551234568", "call +1 555 123 4567 please")).isFalse();
    }

    @Test
    void urlFormsAreOneValue() {
        assertThat(Values.same("https://www.example.com/", "example.com")).isTrue();
        assertThat(Values.appearsIn("http://example.com/page", "see www.example.com/page.")).isTrue();
        assertThat(Values.appearsIn("example.com", "see example.com.evil.net")).isFalse();
        assertThat(Values.appearsIn("evil.com", "see notevil.com")).isFalse();
        assertThat(Values.appearsIn("www.our-company.com", "post to www.our-company.com.They said")).isTrue();
    }

    @Test
    void trailingDotsAndCaseDoNotMatter() {
        assertThat(Values.same("Alice.", "alice")).isTrue();
        assertThat(Values.appearsIn("ALICE@Example.com", "write to alice@example.com.")).isTrue();
    }

    @Test
    void aNameInsideAnotherWordDoesNotAppear() {
        assertThat(Values.appearsIn("Al", "Alice")).isFalse();
        assertThat(Values.appearsIn("", "anything")).isFalse();
    }

    @Test
    void numbersMatchByValue() {
        assertThat(Values.numberAppearsIn(new BigDecimal("98.7"), "Total: 98.70 EUR")).isTrue();
        assertThat(Values.numberAppearsIn(new BigDecimal("1000"), "Total: 1,000")).isTrue();
        assertThat(Values.numberAppearsIn(new BigDecimal("99"), "Total: 98.70")).isFalse();
    }

    @Test
    void identifiersAreFoundInFreeText() {
        assertThat(Values.identifiersIn("Check www.secure-systems-252.com, mail bob@x.org or pay DE89370400440532013000."))
                .containsExactly("www.secure-systems-252.com", "bob@x.org", "DE89370400440532013000");
        assertThat(Values.identifiersIn("nothing to see here, see file.txt")).isEmpty();
    }
}
