package dev.arbiter.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestsTest {

    @Test
    void matchesTheStandardSha256TestVectors() {
        assertThat(Digests.sha256Hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Digests.sha256Hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void hashesTextAsUtf8WhateverThePlatformCharset() {
        assertThat(Digests.sha256Hex("\u00e9")).isEqualTo(Digests.sha256Hex(new byte[] {(byte) 0xC3, (byte) 0xA9}));
        assertThat(Digests.sha256Hex("\u00e9")).isEqualTo(Digests.sha256Hex("\u00e9".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void writesLowerCaseHexOf32Bytes() {
        assertThat(Digests.sha256(new byte[0])).hasSize(32);
        assertThat(Digests.sha256Hex("x")).matches("[0-9a-f]{64}");
    }

    @Test
    void aLongStringHashedTwiceInARowGetsTheSameDigestAsEqualText() {
        String text = "a".repeat(Digests.MEMO_MIN_CHARS) + " invoice";
        String copy = new String(text.toCharArray());
        String first = Digests.sha256Hex(text);

        assertThat(Digests.sha256Hex(text)).isEqualTo(first);
        assertThat(Digests.sha256Hex(copy)).isEqualTo(first);
        assertThat(Digests.sha256Hex(text + "!")).isNotEqualTo(first)
                .isEqualTo(Digests.sha256Hex((text + "!").getBytes(StandardCharsets.UTF_8)));
        assertThat(Digests.sha256Hex(text)).isEqualTo(Digests.sha256Hex(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void manyLongStringsHashedInTurnEachKeepTheirOwnDigest() {
        java.util.List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < Digests.MEMO_SIZE + 5; i++) {
            texts.add(i + "x".repeat(Digests.MEMO_MIN_CHARS));
        }
        for (int round = 0; round < 3; round++) {
            for (String t : texts) {
                assertThat(Digests.sha256Hex(t)).isEqualTo(Digests.sha256Hex(t.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    @Test
    void hexIsLowerCaseHexOfEveryByte() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        assertThat(Digests.hex(all)).isEqualTo(java.util.HexFormat.of().formatHex(all));
        assertThat(Digests.hex(new byte[0])).isEmpty();
    }
}
