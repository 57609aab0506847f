package dev.arbiter.eval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt template of a suite file: text with {@code {{input}}} (the whole input: a string as is, anything else
 * as canonical JSON) and {@code {{input.name}}} (a member of an object input; nested with more dots). Any other
 * {@code {{...}}} is an error when the template is made. Immutable and thread-safe.
 */
public final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
    private static final Pattern INPUT = Pattern.compile("input(\\.[A-Za-z0-9_-]+)*");

    private final String text;

    private Template(String text) {
        this.text = text;
    }

    /**
     * Returns the template.
     *
     * @throws IllegalArgumentException naming the first placeholder that is not {@code input} or {@code input.x}
     */
    public static Template of(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!INPUT.matcher(m.group(1)).matches()) {
                throw new IllegalArgumentException("unknown placeholder {{" + m.group(1) + "}} (use {{input}} or"
                        + " {{input.member}})");
            }
        }
        return new Template(text);
    }

    /**
     * Renders the template for the input.
     *
     * @throws IllegalArgumentException when the input has no member a placeholder names
     */
    public String render(JsonNode input) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(input, m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(JsonNode input, String placeholder) {
        List<String> names = new ArrayList<>(List.of(placeholder.split("\\.")));
        names.remove(0);
        JsonNode node = input;
        for (String name : names) {
            node = node.get(name);
            if (node == null) {
                throw new IllegalArgumentException("the input has no member '" + placeholder.substring(6)
                        + "' for {{" + placeholder + "}}");
            }
        }
        return node.isNull() ? "" : Json.text(node);
    }
}
