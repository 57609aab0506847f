package dev.arbiter.authority.verify.internal;

import dev.arbiter.authority.verify.FencePolicy;
import dev.arbiter.authority.verify.Location;
import dev.arbiter.core.RuleCheck;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of {@link RuleCheck.Format}. JSON: the output is one JSON value, bare. Markdown: any text is valid Markdown,
 * so what is checked is what breaks rendering or is plainly not Markdown: every code fence is closed, and the output is
 * not a bare JSON object or array. Plain text: no Markdown syntax (headings, code fences, bold, links, tables) and no
 * HTML tags.
 */
final class TextFormats {

    private static final Pattern FENCE = Pattern.compile("(?m)^\\s{0,3}(```|~~~)");
    private static final Pattern[] MARKUP = {
        Pattern.compile("(?m)^\\s{0,3}#{1,6}\\s+\\S"),
        Pattern.compile("(?m)^\\s{0,3}(```|~~~)"),
        Pattern.compile("\\*\\*[^*\\n]+\\*\\*|__[^_\\n]+__"),
        Pattern.compile("\\[[^\\]\\n]+\\]\\([^)\\s]+\\)"),
        Pattern.compile("(?m)^\\s*\\|?\\s*:?-{3,}:?\\s*\\|"),
        Pattern.compile("</?[a-zA-Z][a-zA-Z0-9]*(\\s[^<>]*)?/?>"),
    };
    private static final String[] MARKUP_NAMES = {"a heading", "a code fence", "bold text", "a link", "a table", "an HTML tag"};

    private TextFormats() {}

    static RuleOutcome check(String text, RuleCheck.Format.OutputFormat format) {
        switch (format) {
            case JSON:
                return json(text);
            case MARKDOWN:
                return markdown(text);
            default:
                return plain(text);
        }
    }

    private static RuleOutcome json(String text) {
        JsonInput.Result r = JsonInput.read(text, FencePolicy.REJECT, Integer.MAX_VALUE);
        if (r instanceof JsonInput.Problem) {
            JsonInput.Problem p = (JsonInput.Problem) r;
            return new RuleOutcome.Broken(p.location(), p.message(), p.feedback());
        }
        return new RuleOutcome.Kept("parses as one JSON value");
    }

    private static RuleOutcome markdown(String text) {
        Matcher m = FENCE.matcher(text);
        int fences = 0;
        int lastOpen = -1;
        while (m.find()) {
            if (fences++ % 2 == 0) {
                lastOpen = m.start(1);
            }
        }
        if (fences % 2 == 1) {
            return new RuleOutcome.Broken(Location.span(lastOpen, lastOpen + 3),
                    "output has a code fence that is never closed (opened at line " + line(text, lastOpen) + ")",
                    "Close every code fence with a matching ``` line.");
        }
        String s = text.strip();
        if ((s.startsWith("{") || s.startsWith("[")) && JsonInput.read(s, FencePolicy.REJECT, Integer.MAX_VALUE) instanceof JsonInput.Value) {
            return new RuleOutcome.Broken(Location.whole(), "output is a bare JSON value, not Markdown",
                    "Write the answer as Markdown prose, not as JSON.");
        }
        return new RuleOutcome.Kept("Markdown with every code fence closed");
    }

    private static RuleOutcome plain(String text) {
        for (int i = 0; i < MARKUP.length; i++) {
            Matcher m = MARKUP[i].matcher(text);
            if (m.find()) {
                return new RuleOutcome.Broken(Location.span(m.start(), m.end()),
                        "output uses Markdown or HTML: " + MARKUP_NAMES[i] + " at line " + line(text, m.start()) + " (\""
                                + abbreviate(m.group()) + "\")",
                        "Write plain text: no headings, code fences, bold, links, tables or HTML tags.");
            }
        }
        return new RuleOutcome.Kept("plain text without Markdown or HTML");
    }

    static int line(String text, int index) {
        int line = 1;
        for (int i = 0; i < index && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }
}
