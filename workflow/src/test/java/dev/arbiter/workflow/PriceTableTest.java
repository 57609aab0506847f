package dev.arbiter.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Usage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {

    @Test
    void aDatedModelIdIsPricedByItsLongestPrefix() {
        assertThat(PriceTable.defaults().priceOf("gpt-4o-mini-2024-07-18")).contains(PriceTable.Price.of("0.15", "0.60"));
        assertThat(PriceTable.defaults().priceOf("gpt-4o-2024-08-06")).contains(PriceTable.Price.of("2.50", "10.00"));
    }

    @Test
    void anUnknownModelHasNoPrice() {
        assertThat(PriceTable.defaults().priceOf("llama3:8b")).isEmpty();
    }

    @Test
    void costIsPerMillionTokens() {
        assertThat(PriceTable.Price.of("2.50", "10.00").cost(Usage.of(1_000_000, 500_000))).isEqualByComparingTo("7.50");
    }

    @Test
    void withAddsOrReplacesAPriceWithoutChangingTheOriginal() {
        PriceTable table = PriceTable.of(Map.of("local", PriceTable.Price.of("0", "0")));
        PriceTable more = table.with("local", PriceTable.Price.of("1", "2"));
        assertThat(table.priceOf("local-7b")).contains(PriceTable.Price.of("0", "0"));
        assertThat(more.priceOf("local-7b")).contains(PriceTable.Price.of("1", "2"));
    }
}
