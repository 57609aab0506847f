package dev.arbiter.authority.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StrictDateTimeFormatTest {

    @Test
    void acceptsRfc3339DateTimes() {
        assertThat(StrictDateTimeFormat.isDateTime("2024-05-01T13:45:00Z")).isTrue();
        assertThat(StrictDateTimeFormat.isDateTime("2024-05-01t13:45:00.123+02:00")).isTrue();
        assertThat(StrictDateTimeFormat.isDateTime("2024-02-29T00:00:00-05:30")).isTrue();
        assertThat(StrictDateTimeFormat.isDateTime("1998-12-31T23:59:60Z")).as("leap second at 23:59:60 UTC").isTrue();
        assertThat(StrictDateTimeFormat.isDateTime("1998-12-31T15:59:60-08:00")).as("the same leap second in PST").isTrue();
    }

    @Test
    void rejectsWhatRfc3339DoesNotAllow() {
        assertThat(StrictDateTimeFormat.isDateTime("2022-07-25T14:30:00Z+01:00")).as("text after Z").isFalse();
        assertThat(StrictDateTimeFormat.isDateTime("2022-01-01T12:00:00ZZ")).isFalse();
        assertThat(StrictDateTimeFormat.isDateTime("2022-01-01 12:00:00Z")).as("space for T").isFalse();
        assertThat(StrictDateTimeFormat.isDateTime("2022-01-01T12:00:00")).as("no offset").isFalse();
        assertThat(StrictDateTimeFormat.isDateTime("2023-02-29T12:00:00Z")).as("no 29 February in 2023").isFalse();
        assertThat(StrictDateTimeFormat.isDateTime("2022-01-01T24:00:00Z")).isFalse();
        assertThat(StrictDateTimeFormat.isDateTime("2022-01-01T12:00:00+25:00")).isFalse();
        assertThat(StrictDateTimeFormat.isDateTime("2022-01-01T12:00:60Z")).as("leap second not at 23:59 UTC").isFalse();
    }
}
