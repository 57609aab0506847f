package dev.arbiter.cli.verify;

import dev.arbiter.authority.verify.Candidate;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.authority.verify.Verifiers;
import dev.arbiter.core.FailureMode;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains why a verdict disagrees with a label, by experiment where it can: the same instance is verified again
 * with format assertions off and under each other draft, and the first change that makes the verdict agree names the
 * cause. What no experiment explains is named from the verdict's findings and the instance's description.
 */
final class DisagreementCauses {

    static final String FORMAT = "format assertion";
    static final String DRAFT = "draft difference";
    static final String REGEX = "regex dialect (ECMA-262 vs java.util.regex)";
    static final String REMOTE_REF = "unresolvable $ref (another document; never fetched)";
    static final String SCHEMA = "schema unusable (networknt)";
    static final String BEHAVIOUR = "validator behaviour";
    static final String BY_VALUE = "number read by value (draft 4's optional rule: 1.0 is not an integer)";

    private static final Pattern FOCUS = Pattern.compile("focus on (\\w+) keyword");
    private static final Pattern INTEGRAL_DECIMAL = Pattern.compile("(?<![\\w.])-?\\d+\\.0+(?![\\d.])|\\d[eE]\\+?\\d");

    private final JsonSchemaVerifier.Draft defaultDraft;
    private final Verifier withoutFormats;
    private final Map<JsonSchemaVerifier.Draft, Verifier> otherDrafts = new EnumMap<>(JsonSchemaVerifier.Draft.class);

    DisagreementCauses(JsonSchemaVerifier.Draft defaultDraft, JsonSchemaVerifier.FormatAssertions formats) {
        this.defaultDraft = defaultDraft;
        this.withoutFormats = Verifiers.guarded(JsonSchemaVerifier.builder().defaultDraft(defaultDraft)
                .formatAssertions(formats == JsonSchemaVerifier.FormatAssertions.NEVER
                        ? JsonSchemaVerifier.FormatAssertions.ALWAYS : JsonSchemaVerifier.FormatAssertions.NEVER)
                .build());
        for (JsonSchemaVerifier.Draft d : JsonSchemaVerifier.Draft.values()) {
            if (d != defaultDraft) {
                otherDrafts.put(d, Verifiers.guarded(JsonSchemaVerifier.builder().defaultDraft(d).formatAssertions(formats).build()));
            }
        }
    }

    /** Returns the cause of the disagreement between the verdict and the label. */
    String classify(BenchRow row, BenchRow.Test test, Candidate candidate, Verdict verdict) {
        if (verdict instanceof Verdict.Fail && ((Verdict.Fail) verdict).modes().contains(FailureMode.VERIFIER_ERROR)) {
            String message = ((Verdict.Fail) verdict).findings().get(0).message();
            if (message.contains("not bundled")) {
                return REMOTE_REF;
            }
            return message.contains("regular expression") ? REGEX : SCHEMA;
        }
        if (agrees(withoutFormats.verify(candidate), test.valid())) {
            return FORMAT;
        }
        if (!row.schema().has("$schema")) {
            for (Map.Entry<JsonSchemaVerifier.Draft, Verifier> other : otherDrafts.entrySet()) {
                if (agrees(other.getValue().verify(candidate), test.valid())) {
                    return DRAFT + " (no $schema; agrees as " + other.getKey() + ", not " + defaultDraft + ")";
                }
            }
        }
        if (verdict instanceof Verdict.Fail) {
            for (Finding f : ((Verdict.Fail) verdict).findings()) {
                if (f.message().contains("does not match the pattern")) {
                    return REGEX;
                }
            }
            return BEHAVIOUR;
        }
        if (row.schema().path("$schema").asText().contains("draft-04")
                && INTEGRAL_DECIMAL.matcher(candidate.text()).find()) {
            return BY_VALUE;
        }
        Matcher focus = FOCUS.matcher(test.description());
        if (focus.find()) {
            String keyword = focus.group(1);
            if (keyword.toLowerCase(Locale.ROOT).startsWith("pattern")) {
                return REGEX;
            }
            return BEHAVIOUR + " (" + keyword + " not enforced)";
        }
        return BEHAVIOUR;
    }

    static boolean agrees(Verdict verdict, boolean valid) {
        return (verdict instanceof Verdict.Pass) == valid
                && !(verdict instanceof Verdict.Fail && ((Verdict.Fail) verdict).modes().contains(FailureMode.VERIFIER_ERROR));
    }
}
