package dev.arbiter.authority.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocationTest {

    @Test
    void pointerFromTokensEscapesTildeAndSlash() {
        assertThat(Location.pointer(List.of("a/b", "c~d", "0")).pointer()).isEqualTo("/a~1b/c~0d/0");
    }

    @Test
    void rootPointerIsEmptyAndShownAsSlash() {
        assertThat(Location.pointer(List.of()).pointer()).isEmpty();
        assertThat(Location.pointer("").describe()).isEqualTo("/");
    }

    @Test
    void pointerMustStartWithSlash() {
        assertThatThrownBy(() -> Location.pointer("items/0")).hasMessageContaining("starts with '/'");
    }

    @Test
    void spanIsHalfOpenAndOrdered() {
        assertThat(Location.span(3, 7).describe()).isEqualTo("characters [3,7)");
        assertThatThrownBy(() -> Location.span(5, 2)).hasMessageContaining("0 <= start <= end");
    }

    @Test
    void wholeIsOneValue() {
        assertThat(Location.whole()).isEqualTo(new Location.Whole());
        assertThat(Location.whole().describe()).isEqualTo("whole output");
    }
}
