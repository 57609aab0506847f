package dev.arbiter.authority.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The gates of {@link Redactor} (a pattern is skipped when the text lacks what every match holds) change nothing:
 * on texts built from the pieces every standard pattern matches, and from the characters around them, the gated
 * redaction equals the redaction that runs every pattern.
 */
class RedactorGateTest {

    private static final String[] PIECES = {
        "bearer ", "Bearer\t", "BEARER  ", "beArer ", "abc.def.ghi123", "bearerx", "b", "B", "\u0130", "\u212A",
        "sk-", "pk-", "rk-", "k-", "sk-proj-abcdefghijklmnop1234", "abcdefghijklmnop", "_-",
        "AKIA", "AKIAABCDEFGHIJKLMNOP", "AKIA1234567890ABCDEF", "0123456789ABCDEF",
        "ghp_", "gho_", "ghx_", "gh", "g", "hp_", "hs", "r_", "ghu", "_", "lookup_supplier", "abcdefghijklmnopqrstuvwxyz0123", "ABCDEFGHIJ",
        "@", "jane.doe@example.com", "a@b.co", "x@", "@y.de", "%+-", ".",
        "DE89", "DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432", "XX12", "AB1", "A", "Z9",
        "4111 1111 1111 1111", "4111-1111-1111-1111", "1234567890123", "0", "7", "12", "123456",
        "+49 30 1234 5678", "+1", "(030) 1234 5678", "(", ")", "+", " ", "  ", "-", "\n", "\t", ",",
        "Invoice INV-9902 total EUR 2380.00 due 2024-09-30", "accepted on attempt 1", "SCHEMA_VIOLATION -> REPAIR: ",
        "bench@1]", "a@b", "x@y.c", ".de", ".d", "@-", "-@", "1 2", "1--2", "12-", " -", "+x", "(x", "+1", "(0", "0a1", "9 ",
        "\u00e9", "\u4e2d", "\ud83d\ude00", "\ud800", "[REDACTED:email]", "team-key-7f3a9c21", "key"
    };

    private static String randomText(SplittableRandom random) {
        StringBuilder b = new StringBuilder();
        int parts = random.nextInt(12);
        for (int i = 0; i < parts; i++) {
            if (random.nextInt(4) == 0) {
                b.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
            } else {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            }
        }
        return b.toString();
    }

    @Test
    void gatedRedactionEqualsRunningEveryPattern() {
        Redactor standard = Redactor.standard();
        Redactor withSecret = Redactor.builder().secret("team-key-7f3a9c21").secret("AKIA").build();
        Redactor custom = Redactor.builder().pattern("customer", Pattern.compile("CUST-\\d+")).secret("team").build();
        SplittableRandom random = new SplittableRandom(20261121);
        int changed = 0;
        for (int i = 0; i < 200_000; i++) {
            String text = randomText(random);
            for (Redactor r : new Redactor[] {standard, withSecret, custom}) {
                String plain = r.redactWithoutGates(text);
                assertThat(r.redact(text)).as("text %s", text).isEqualTo(plain);
                if (!plain.equals(text)) {
                    changed++;
                }
            }
        }
        assertThat(changed).as("texts some pattern changed").isGreaterThan(100_000);
    }

    @Test
    void recordTextsWithDigestsAndToolNamesRunNoPattern() {
        // what a tool call's record holds: hex digests (digits parted by letters), a snake_case tool name, policy@version
        Redactor standard = Redactor.standard();
        String note = "call call-1; arguments sha256 72ab53ed28cef1b7a5dd6af7c648b73407fa8a2f82c0bf2f8a5fd7382d68591c; "
                + "result sha256 abbadb461d2e614fb1051aa32eb46ef6a5ae67032cd39ed2713c82e824b65d48";
        String reason = "granted READ call to 'lookup_supplier' [policy bench@1]";
        for (String text : new String[] {note, reason, "accepted on attempt 1", "(see 12 items) + 3"}) {
            assertThat(standard.patternsRunOn(text)).as(text).isEmpty();
            assertThat(standard.redact(text)).isEqualTo(text);
        }
        assertThat(standard.patternsRunOn("mail jane@example.com")).containsExactly("email");
        assertThat(standard.patternsRunOn("card 4111-1111 1111-1111")).containsExactly("card");
        assertThat(standard.patternsRunOn("call +49 30 1234 5678")).containsExactly("phone");
        assertThat(standard.patternsRunOn("token ghp_abc")).containsExactly("api-key");
    }

    @Test
    void longRealTextsRedactAsRunningEveryPatternOverTheWholeText() throws java.io.IOException {
        // the e-mail, phone and card patterns are searched only within the spans that can hold their matches; on the
        // shared data's texts (e-mails, web pages, an agent's bank and chat environments) whole and joined into
        // long texts, with their addresses, numbers and IBANs, that equals searching the whole text
        java.nio.file.Path data = dev.arbiter.authority.verify.TestData.dir();
        List<String> texts = new java.util.ArrayList<>();
        for (String file : List.of("prompt-injection/bipia_contexts.jsonl", "prompt-injection/bipia_attacks.jsonl",
                "prompt-injection/agentdojo_injection_payloads.jsonl")) {
            texts.add(java.nio.file.Files.readString(data.resolve(file)));
        }
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(data.resolve("agentdojo/environments"))) {
            for (java.nio.file.Path f : files.filter(java.nio.file.Files::isRegularFile).sorted().toList()) {
                texts.add(java.nio.file.Files.readString(f));
            }
        }
        List<String> all = new java.util.ArrayList<>(texts);
        for (String text : texts) { // and in pieces of ~45,000 characters, the size of a traced context
            for (int i = 0; i < text.length(); i += 45_000) {
                all.add(text.substring(i, Math.min(text.length(), i + 45_000)));
            }
        }
        Redactor standard = Redactor.standard();
        int replaced = 0;
        for (String text : all) {
            String plain = standard.redactWithoutGates(text);
            assertThat(standard.redact(text)).isEqualTo(plain);
            replaced += plain.split("\\[REDACTED:", -1).length - 1;
        }
        assertThat(replaced).as("matches in the shared data").isGreaterThan(50);
    }

    @Test
    void matchesThatShareARunAreFoundAsTheWholeTextsSearchFindsThem() {
        Redactor standard = Redactor.standard();
        for (String text : new String[] {"a@b.com@c.org", "x a@b.co@d.io y", "jane@x.de.jane@y.de", "a@b.cd.e@f.gh",
            "+49 30 1234 5678 +49 30 1234 5678", "(030) 1234 5678 (030) 1234 5678", "+1 (555) 123 4567",
            "4111 1111 1111 1111 4111 1111 1111 1111", "4111-1111-1111-1111-4111-1111-1111-1111",
            "1234567890123 +49 30 1234 5678 jane@example.com", "mail:jane@example.com,+49 30 1234 5678.",
            "sk-abcdefghijklmnop1234 sk-abcdefghijklmnop5678", "ssk-abcdefghijklmnop1234", "check-in sk-proj-abcdefghijklmnop",
            "DE89 3704 0044 0532 0130 00 GB82WEST12345698765432", "XDE89 3704 0044 0532 0130 00", "AB12 CD34 EF56 GH78 IJ90"}) {
            assertThat(standard.redact(text)).as(text).isEqualTo(standard.redactWithoutGates(text));
        }
    }

    @Test
    void eachStandardPatternStillRedactsAlone() {
        String[] hits = {"Authorization: Bearer abc.def.ghi123", "key sk-proj-abcdefghijklmnop1234",
            "id AKIAABCDEFGHIJKLMNOP", "token ghp_abcdefghijklmnopqrstuvwxyz0123", "mail jane.doe@example.com",
            "IBAN DE89 3704 0044 0532 0130 00", "card 4111 1111 1111 1111", "call +49 30 1234 5678",
            "call (030) 1234 5678"};
        for (String hit : hits) {
            String out = Redactor.standard().redact(hit);
            assertThat(out).contains("[REDACTED:").isEqualTo(Redactor.standard().redactWithoutGates(hit));
        }
    }
}
