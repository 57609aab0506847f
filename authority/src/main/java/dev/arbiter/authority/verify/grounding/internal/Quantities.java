package dev.arbiter.authority.verify.grounding.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the numbers a text states, as {@link Quantity} values. Stateless and thread-safe. */
public final class Quantities {

    private static final Pattern NUMBER = Pattern.compile(
            "(?i)(?<![\\w.\\-])([$\u20ac\u00a3]\\s?)?(\\d+(?:,\\d{3})*(?:\\.\\d+)?)(st|nd|rd|th)?"
                    + "(?:\\s*(%|percent\\b|per\\s+cent\\b|percentage\\s+points?\\b))?"
                    + "(?:\\s*(thousand|million|billion|trillion|bn|mn|m|k|b)\\b)?");
    private static final Pattern QUARTER = Pattern.compile("\\b[QH]([1-4])\\b");
    private static final Pattern WORD = Pattern.compile("(?i)\\b([a-z]+)(?:-([a-z]+))?\\b");
    private static final Map<String, Integer> CARDINALS = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
            Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
            Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17),
            Map.entry("eighteen", 18), Map.entry("nineteen", 19), Map.entry("twenty", 20),
            Map.entry("thirty", 30), Map.entry("forty", 40), Map.entry("fifty", 50), Map.entry("sixty", 60),
            Map.entry("seventy", 70), Map.entry("eighty", 80), Map.entry("ninety", 90),
            Map.entry("hundred", 100), Map.entry("dozen", 12), Map.entry("twice", 2));
    private static final Map<String, Integer> ORDINALS = Map.ofEntries(
            Map.entry("first", 1), Map.entry("second", 2), Map.entry("third", 3), Map.entry("fourth", 4),
            Map.entry("fifth", 5), Map.entry("sixth", 6), Map.entry("seventh", 7), Map.entry("eighth", 8),
            Map.entry("ninth", 9), Map.entry("tenth", 10), Map.entry("eleventh", 11), Map.entry("twelfth", 12));
    private static final Map<String, Double> SCALES = Map.of("thousand", 1e3, "k", 1e3, "million", 1e6, "m", 1e6,
            "mn", 1e6, "billion", 1e9, "bn", 1e9, "b", 1e9, "trillion", 1e12);

    private Quantities() {
    }

    /** Returns every number stated in {@code text}, in order of appearance; offsets are shifted by {@code offset}. */
    public static List<Quantity> find(String text, int offset) {
        List<Quantity> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            if (m.start() <= 1 && m.end() < text.length() && text.charAt(m.end()) == ')') {
                continue; // a list marker: "1) ..."
            }
            String digits = m.group(2).replace(",", "");
            int dot = digits.indexOf('.');
            int decimals = dot < 0 ? 0 : digits.length() - dot - 1;
            String scaleWord = m.group(5);
            String unit = m.group(1) != null ? "$" : m.group(4) != null ? "%" : "";
            double scale = scaleWord == null ? 1 : SCALES.get(scaleWord.toLowerCase(Locale.ROOT));
            out.add(new Quantity(Double.parseDouble(digits), scale, decimals, m.group(3) != null, unit, m.group(),
                    offset + m.start(), offset + m.end()));
        }
        Matcher q = QUARTER.matcher(text);
        while (q.find()) {
            out.add(new Quantity(Integer.parseInt(q.group(1)), 1, 0, true, "", q.group(), offset + q.start(),
                    offset + q.end()));
        }
        findWords(text, offset, out);
        return out;
    }

    private static void findWords(String text, int offset, List<Quantity> out) {
        Matcher w = WORD.matcher(text);
        while (w.find()) {
            String first = w.group(1).toLowerCase(Locale.ROOT);
            String second = w.group(2) == null ? null : w.group(2).toLowerCase(Locale.ROOT);
            Integer ordinal = ORDINALS.get(second != null && ORDINALS.containsKey(second) ? second : first);
            if (ordinal != null) {
                int tens = second != null && CARDINALS.containsKey(first) ? CARDINALS.get(first) : 0;
                out.add(new Quantity(tens + ordinal, 1, 0, true, "", w.group(), offset + w.start(), offset + w.end()));
                continue;
            }
            Integer cardinal = CARDINALS.get(first);
            if (cardinal == null || first.equals("one") && second == null) {
                continue; // "one" is mostly a pronoun
            }
            int value = cardinal + (second != null && CARDINALS.containsKey(second) ? CARDINALS.get(second) : 0);
            String rest = text.substring(w.end()).stripLeading().toLowerCase(Locale.ROOT);
            double scale = 1;
            for (Map.Entry<String, Double> s : SCALES.entrySet()) {
                if (s.getKey().length() > 2 && rest.startsWith(s.getKey())) {
                    scale = s.getValue();
                }
            }
            out.add(new Quantity(value, scale, 0, false, "", w.group(), offset + w.start(), offset + w.end()));
        }
    }
}
