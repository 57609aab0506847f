package dev.arbiter.authority.verify.internal;

import dev.arbiter.authority.verify.Location;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small, dependency-free check of the language a text is written in, for seven languages that use the Latin script:
 * English, German, French, Spanish, Italian, Portuguese and Dutch.
 *
 * <p>How: every word is looked up in each language's list of about sixty function words (articles, pronouns,
 * prepositions, auxiliaries); the language with the most hits is the text's language. It decides only when the
 * evidence is clear and says {@link RuleOutcome.Undecided} otherwise: the expected language must lead with at least
 * two hits to pass; another language must have at least three hits, twice the expected language's, and make up 15% of
 * the words to fail. A text mostly in another script (Cyrillic, Greek, Arabic, CJK...) fails. Short texts, mixed
 * texts, and languages outside the seven are undecided: a person must look. Thread-safe.
 */
public final class LanguageDetector {

    private static final Pattern WORD = Pattern.compile("\\p{L}+(?:['\u2019]\\p{L}+)?");
    private static final Map<String, Set<String>> PROFILES = new LinkedHashMap<>();
    private static final Map<String, String> NAMES = Map.of("en", "English", "de", "German", "fr", "French",
            "es", "Spanish", "it", "Italian", "pt", "Portuguese", "nl", "Dutch");

    static {
        profile("en", "the of and to in is that it was for on are as with his they at be this have from or had by but not "
                + "what all were we when your can said there an which she do how their if will up other about out many "
                + "then them these so some her would has been who its into than more our could also after should i you "
                + "he my me does did");
        profile("de", "der die das und ist nicht ein eine einen einem einer zu den dem des mit sich auf für von im auch es "
                + "werden wird aus er sie wir ihr nach bei um noch wie über nur oder aber vor zur zum bis mehr durch kann "
                + "können sind war hat haben wurde wenn dass ich du uns diese dieser dieses schon sehr wieder kein keine");
        profile("fr", "le la les de des du un une et est que qui dans pour pas sur au aux avec ce cette ces il elle ils elles "
                + "nous vous je on ne plus par mais ou son sa ses leur leurs été être sont avoir fait comme tout tous aussi "
                + "très sans entre lui où même donc car était peut c'est qu'il d'un d'une l'on");
        profile("es", "el la los las de del y que en un una es por con para no se su sus al lo como más pero le ya este esta "
                + "estos entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante todos uno les "
                + "ni otros ese eso ellos esto antes algunos qué unos yo otro otra él tanto esa mucho nada fue son está "
                + "era han ha");
        profile("it", "il lo la i gli le di del della dei delle e è che non un una uno per in con su da dal dalla al alla si "
                + "sono come anche più ma ci questo questa quello ha hanno era essere stato ne se nel nella tra fra loro "
                + "lui lei io tu noi voi perché quando molto dopo già tutto sempre");
        profile("pt", "o a os as de do da dos das e que em um uma é não para com por no na nos nas se mais mas como ao aos "
                + "foi ser são está também seu sua seus suas ele ela eles elas isso este esta quando muito já há pelo "
                + "pela entre depois sem mesmo ou até você nós eu onde");
        profile("nl", "de het een en van ik te dat die in is niet op aan met voor zijn er maar om hij ook als dan bij of uit "
                + "nog wat ze zij wel geen naar heeft hebben was werd worden door over tot kan deze dit we wij jullie onze "
                + "haar hun omdat toen want al zo meer");
    }

    private static void profile(String code, String words) {
        PROFILES.put(code, Set.of(words.split(" ")));
    }

    private LanguageDetector() {}

    /** Returns the codes of the languages this detector knows, sorted. */
    public static Set<String> languages() {
        return new TreeSet<>(PROFILES.keySet());
    }

    /** Checks that the text is written in the language with the given ISO 639-1 code. */
    public static RuleOutcome check(String text, String expected) {
        if (!PROFILES.containsKey(expected)) {
            return new RuleOutcome.Undecided("cannot check language '" + expected + "' mechanically: the detector knows "
                    + languages());
        }
        String script = dominantNonLatinScript(text);
        if (script != null) {
            return broken(expected, "output is written mostly in " + script + " script, not in " + NAMES.get(expected));
        }
        Map<String, Integer> hits = new HashMap<>();
        int words = 0;
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words++;
            String w = m.group().toLowerCase(Locale.ROOT).replace('\u2019', '\'');
            PROFILES.forEach((code, set) -> {
                if (set.contains(w)) {
                    hits.merge(code, 1, Integer::sum);
                }
            });
        }
        String best = hits.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(expected);
        int bestHits = hits.getOrDefault(best, 0);
        int expectedHits = hits.getOrDefault(expected, 0);
        String counts = "function words among " + words + " words: " + describe(hits);
        if (expectedHits >= 2 && expectedHits >= bestHits) {
            return new RuleOutcome.Kept("written in " + NAMES.get(expected) + " (" + counts + ")");
        }
        if (!best.equals(expected) && bestHits >= 3 && bestHits >= 2 * expectedHits && bestHits >= 0.15 * words) {
            return broken(expected, "output looks " + NAMES.get(best) + ", not " + NAMES.get(expected) + " (" + counts + ")");
        }
        return new RuleOutcome.Undecided("cannot tell whether the output is in " + NAMES.get(expected) + " (" + counts
                + "): too short, mixed, or in a language the detector does not know");
    }

    private static RuleOutcome broken(String expected, String message) {
        return new RuleOutcome.Broken(Location.whole(), message, "Write the whole answer in " + NAMES.get(expected) + ".");
    }

    private static String describe(Map<String, Integer> hits) {
        if (hits.isEmpty()) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        hits.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> s.append(s.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()));
        return s.toString();
    }

    /** Returns the name of the script most letters are in when that is not Latin and there are 20 letters or more. */
    private static String dominantNonLatinScript(String text) {
        Map<Character.UnicodeScript, Integer> scripts = new EnumMap<>(Character.UnicodeScript.class);
        int letters = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                letters++;
                scripts.merge(Character.UnicodeScript.of(cp), 1, Integer::sum);
            }
        }
        if (letters < 20 || scripts.getOrDefault(Character.UnicodeScript.LATIN, 0) * 2 >= letters) {
            return null;
        }
        Character.UnicodeScript top = scripts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String name = top.name().charAt(0) + top.name().substring(1).toLowerCase(Locale.ROOT);
        return List.of(Character.UnicodeScript.HAN, Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA)
                .contains(top) ? "CJK (" + name + ")" : name;
    }
}
