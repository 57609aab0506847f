package dev.arbiter.cli.steering;

import dev.arbiter.steering.context.AssembledContext;
import dev.arbiter.steering.context.Disposition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of {@code arbiter steering fence}: where a payload is placed in a host text, and whether, after
 * assembly, it stayed inside the host's fence (parsing the rendered context back with the documented fence
 * format). Stateless.
 */
final class FenceCheck {

    /** The source id of the host item in every assembly. */
    static final String HOST_ID = "host-document";
    /** Payload lines at least this long must not appear outside the fences. */
    static final int MIN_LINE = 12;

    private FenceCheck() {}

    /** Returns where the payload goes: 0, the end, or the whitespace nearest the middle. */
    static int insertionPoint(String text, String position) {
        if (position.equals("start")) {
            return 0;
        }
        if (position.equals("end")) {
            return text.length();
        }
        int mid = text.length() / 2;
        for (int d = 0; d <= mid; d++) {
            if (mid + d < text.length() && Character.isWhitespace(text.charAt(mid + d))) {
                return mid + d;
            }
            if (mid - d >= 0 && Character.isWhitespace(text.charAt(mid - d))) {
                return mid - d;
            }
        }
        return mid;
    }

    /** Returns why the payload escaped, or empty when it stayed inside its fence, verbatim. */
    static String escapeOf(AssembledContext ac, String host, String payload) {
        if (!(ac.manifest().entry(HOST_ID).orElseThrow().disposition() instanceof Disposition.Included)) {
            return "the host was not included whole";
        }
        String boundary = ac.manifest().fenceBoundary();
        if (boundary.isEmpty()) {
            return "the assembly drew no fence boundary"; // an empty string is in every text: never search for it
        }
        if (host.toLowerCase(Locale.ROOT).contains(boundary)) {
            return "the host contains the fence boundary";
        }
        Fenced parsed = Fenced.parse(ac.text(), boundary);
        if (!parsed.error().isEmpty()) {
            return parsed.error();
        }
        List<String> fences = parsed.fences().getOrDefault(HOST_ID, List.of());
        if (fences.size() != 1 || !fences.get(0).equals(host)) {
            return "the fence labelled " + HOST_ID + " does not hold the host verbatim (" + fences.size() + " fences)";
        }
        if (parsed.outside().contains(payload)) {
            return "the payload appears outside the fences";
        }
        for (String line : payload.split("\n")) {
            String s = line.strip();
            if (s.length() >= MIN_LINE && parsed.outside().contains(s)) {
                return "a payload line appears outside the fences: " + s;
            }
        }
        return "";
    }

    /**
     * The rendered context split into fenced content (by source label) and the text outside fences, parsed with the
     * documented format: {@code <untrusted-data source="ID" fence="B"…>} newline content newline
     * {@code </untrusted-data fence="B">}.
     */
    record Fenced(Map<String, List<String>> fences, String outside, String error) {

        static Fenced parse(String text, String boundary) {
            String b = Pattern.quote(boundary);
            Pattern open = Pattern.compile("^<untrusted-data source=\"([^\"\\n]*)\" fence=\"" + b + "\"[^\\n]*>$",
                    Pattern.MULTILINE);
            Pattern close = Pattern.compile("^</untrusted-data fence=\"" + b + "\">$", Pattern.MULTILINE);
            Map<String, List<String>> fences = new TreeMap<>();
            StringBuilder outside = new StringBuilder();
            int pos = 0;
            Matcher o = open.matcher(text);
            while (o.find(pos)) {
                Matcher c = close.matcher(text);
                if (!c.find(o.end())) {
                    return new Fenced(fences, outside.toString(), "a fence is opened and never closed");
                }
                String content = text.substring(o.end() + 1, c.start() - 1);
                if (open.matcher(content).find()) {
                    return new Fenced(fences, outside.toString(), "a fence opens inside another fence");
                }
                outside.append(text, pos, o.start());
                fences.computeIfAbsent(o.group(1), k -> new ArrayList<>()).add(content);
                pos = c.end();
            }
            outside.append(text, pos, text.length());
            if (close.matcher(outside).find()) {
                return new Fenced(fences, outside.toString(), "a closing fence line appears outside any fence");
            }
            return new Fenced(fences, outside.toString(), "");
        }
    }
}
