package dev.arbiter.steering.context;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a rendered context by its documented format, independently of the renderer: fenced blocks
 * ({@code <untrusted-data source="ID" fence="B"…>} newline content newline {@code </untrusted-data fence="B">}) and
 * the text outside them.
 */
final class Rendered {

    record Fence(String sourceId, String openLine, String content) {}

    final List<Fence> fences = new ArrayList<>();
    final StringBuilder outside = new StringBuilder();

    private Rendered() {}

    static Rendered parse(String text, String boundary) {
        Rendered r = new Rendered();
        if (boundary.isEmpty()) {
            r.outside.append(text);
            return r;
        }
        String b = Pattern.quote(boundary);
        Pattern open = Pattern.compile("^<untrusted-data source=\"([^\"\\n]*)\" fence=\"" + b + "\"[^\\n]*>$",
                Pattern.MULTILINE);
        Pattern close = Pattern.compile("^</untrusted-data fence=\"" + b + "\">$", Pattern.MULTILINE);
        int pos = 0;
        Matcher o = open.matcher(text);
        while (o.find(pos)) {
            Matcher c = close.matcher(text);
            if (!c.find(o.end())) {
                throw new AssertionError("fence opened at " + o.start() + " is never closed");
            }
            String content = text.substring(o.end() + 1, c.start() - 1);
            if (open.matcher(content).find()) {
                throw new AssertionError("a fence opens inside the fence of " + o.group(1));
            }
            r.outside.append(text, pos, o.start());
            r.fences.add(new Fence(o.group(1), o.group(), content));
            pos = c.end();
        }
        r.outside.append(text, pos, text.length());
        if (close.matcher(r.outside).find()) {
            throw new AssertionError("a closing fence line stands outside any fence");
        }
        return r;
    }

    List<Fence> fencesOf(String sourceId) {
        return fences.stream().filter(f -> f.sourceId().equals(sourceId)).toList();
    }

    String outside() {
        return outside.toString();
    }
}
