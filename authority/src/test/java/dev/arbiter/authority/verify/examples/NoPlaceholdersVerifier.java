package dev.arbiter.authority.verify.examples;

import dev.arbiter.authority.verify.Candidate;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.Location;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.core.FailureMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fails output that still contains template placeholders such as {@code [Customer Name]}, {@code {{order_id}}} or
 * {@code <insert date>}: text a model leaves when it did not have the value, and that must never reach a customer.
 *
 * <p>Stateless, so thread-safe.
 */
public final class NoPlaceholdersVerifier implements Verifier {

    /** The stable id: findings and provenance records name it. */
    public static final String ID = "no-placeholders";

    private static final Pattern PLACEHOLDER = Pattern.compile(
            "\\[(?:your |customer |insert )?[A-Z][A-Za-z ]{2,30}\\]|\\{\\{\\s*\\w+\\s*\\}\\}|<insert [^>]{1,40}>");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Verdict verify(Candidate candidate) {
        List<Finding> findings = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(candidate.text());
        while (m.find()) {
            findings.add(Finding.of(ID, FailureMode.SCHEMA_VIOLATION, Location.span(m.start(), m.end()),
                    "output contains the placeholder \"" + m.group() + "\"",
                    "Replace \"" + m.group() + "\" with the actual value from the context, or rephrase the sentence "
                            + "so that it does not need the value."));
        }
        return findings.isEmpty() ? Verdict.pass(ID) : Verdict.fail(ID, findings);
    }
}
