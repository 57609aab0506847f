package dev.arbiter.steering.intent.internal;

import dev.arbiter.core.RuleCheck;
import dev.arbiter.steering.intent.Definition;
import dev.arbiter.steering.intent.Example;
import dev.arbiter.steering.intent.IntentContract;
import dev.arbiter.steering.intent.Rule;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a contract as system instructions: Markdown-like sections in a fixed order, empty sections left out,
 * definitions sorted as in the canonical form, {@code \n} line endings, one trailing newline. Thread-safe.
 */
public final class ContractRenderer {

    private ContractRenderer() {}

    /** Returns the instructions text. */
    public static String render(IntentContract c) {
        StringBuilder out = new StringBuilder();
        section(out, "Purpose", c.purpose());
        section(out, "Audience", c.audience());
        section(out, "Task", c.task());
        if (!c.rules().isEmpty()) {
            StringBuilder body = new StringBuilder();
            int n = 1;
            for (Rule r : c.rules()) {
                body.append(n++).append(". ").append(r.text()).append(" [").append(r.id()).append("]\n");
                if (!r.checks().isEmpty()) {
                    String words = r.checks().stream().map(RuleCheck::describe).collect(Collectors.joining("; "));
                    body.append("   Checked: ").append(words).append(".\n");
                }
            }
            section(out, "Rules (every rule must hold)", body.toString());
        }
        if (!c.definitions().isEmpty()) {
            StringBuilder body = new StringBuilder();
            c.definitions().stream().sorted(ContractCanonical.DEFINITION_ORDER).forEach(d -> definition(body, d));
            section(out, "Definitions (use these meanings)", body.toString());
        }
        list(out, "Success criteria", c.successCriteria());
        list(out, "Non-goals (do not do these)", c.nonGoals());
        if (!c.examples().isEmpty()) {
            StringBuilder body = new StringBuilder();
            int n = 1;
            for (Example e : c.examples()) {
                if (n > 1) body.append('\n');
                body.append("Example ").append(n++).append('\n');
                body.append("Input:\n").append(e.input()).append('\n');
                body.append("Output:\n").append(e.output()).append('\n');
            }
            section(out, "Examples", body.toString());
        }
        return out.toString();
    }

    private static void definition(StringBuilder body, Definition d) {
        body.append("- ").append(d.term()).append(": ").append(d.meaning()).append('\n');
    }

    private static void list(StringBuilder out, String title, List<String> items) {
        if (items.isEmpty()) return;
        StringBuilder body = new StringBuilder();
        items.forEach(i -> body.append("- ").append(i).append('\n'));
        section(out, title, body.toString());
    }

    private static void section(StringBuilder out, String title, String body) {
        if (body.isEmpty()) return;
        if (out.length() > 0) out.append('\n');
        out.append("## ").append(title).append('\n').append(body);
        if (!body.endsWith("\n")) out.append('\n');
    }
}
