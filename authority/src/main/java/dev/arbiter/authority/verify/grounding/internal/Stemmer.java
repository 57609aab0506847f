package dev.arbiter.authority.verify.grounding.internal;

import java.util.Locale;
import java.util.Map;

/**
 * A light English suffix stripper: enough to match {@code rose}/{@code rise}, {@code hired}/{@code hire},
 * {@code companies}/{@code company} on both sides of a comparison. Both sides go through the same function,
 * so the stems only need to be consistent, not linguistically right. Stateless and thread-safe.
 */
public final class Stemmer {

    private static final Map<String, String> IRREGULAR = Map.ofEntries(
            Map.entry("rose", "rise"), Map.entry("risen", "rise"), Map.entry("fell", "fall"),
            Map.entry("fallen", "fall"), Map.entry("won", "win"), Map.entry("lost", "lose"),
            Map.entry("sold", "sell"), Map.entry("bought", "buy"), Map.entry("grew", "grow"),
            Map.entry("grown", "grow"), Map.entry("gave", "give"), Map.entry("given", "give"),
            Map.entry("took", "take"), Map.entry("taken", "take"), Map.entry("began", "begin"),
            Map.entry("begun", "begin"), Map.entry("went", "go"), Map.entry("gone", "go"),
            Map.entry("made", "make"), Map.entry("said", "say"), Map.entry("told", "tell"),
            Map.entry("found", "find"), Map.entry("left", "leave"), Map.entry("led", "lead"),
            Map.entry("men", "man"), Map.entry("women", "woman"), Map.entry("children", "child"),
            Map.entry("better", "better"), Map.entry("worse", "worse"), Map.entry("shown", "show"),
            Map.entry("held", "hold"), Map.entry("met", "meet"), Map.entry("paid", "pay"),
            Map.entry("spent", "spend"), Map.entry("sent", "send"), Map.entry("brought", "bring"),
            Map.entry("thought", "think"), Map.entry("saw", "see"), Map.entry("seen", "see"),
            Map.entry("knew", "know"), Map.entry("known", "know"), Map.entry("chose", "choose"),
            Map.entry("chosen", "choose"), Map.entry("wrote", "write"), Map.entry("written", "write"),
            Map.entry("is", "be"), Map.entry("are", "be"), Map.entry("was", "be"), Map.entry("were", "be"),
            Map.entry("been", "be"), Map.entry("has", "have"), Map.entry("had", "have"), Map.entry("did", "do"),
            Map.entry("does", "do"), Map.entry("data", "data"), Map.entry("news", "news"));

    private Stemmer() {
    }

    /** Returns the stem of one word; the word may be in any case. */
    public static String stem(String word) {
        String w = word.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        if (w.endsWith("'s")) {
            w = w.substring(0, w.length() - 2);
        }
        w = IRREGULAR.getOrDefault(w, w);
        if (w.length() <= 3) {
            return w;
        }
        if (w.endsWith("ies") && w.length() > 4) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.endsWith("sses") || w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            w = w.substring(0, w.length() - 1);
        }
        if (w.endsWith("ing") && w.length() > 5) {
            return undouble(w.substring(0, w.length() - 3));
        }
        if (w.endsWith("ied") && w.length() > 4) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.endsWith("ed") && w.length() > 4) {
            return undouble(w.substring(0, w.length() - 2));
        }
        if (w.endsWith("e") && w.length() > 3) {
            return w.substring(0, w.length() - 1); // hire/hired/hiring all meet at "hir"
        }
        return w;
    }

    private static String undouble(String w) {
        int n = w.length();
        if (n > 2 && w.charAt(n - 1) == w.charAt(n - 2) && "lszf".indexOf(w.charAt(n - 1)) < 0) {
            return w.substring(0, n - 1);
        }
        if (n > 1 && w.endsWith("e")) {
            return w.substring(0, n - 1);
        }
        return w;
    }
}
