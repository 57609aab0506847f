package dev.arbiter.authority.verify.grounding.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The small built-in word lists the grounding signals use: stop words, negation cues, modality cues,
 * antonym pairs and closed word classes (weekdays, months, scale words, …). Every entry is lower case and
 * every antonym or class lookup goes through {@link Stemmer#stem}, so inflections match. Immutable.
 */
public final class Lexicon {

    /** Function words that carry no claim of their own. */
    public static final Set<String> STOPWORDS = Set.of(("a an the of to in on for and or but is are was were be been "
            + "being it its this that these those with as by at from he she they them his her their we our you your i "
            + "me my also has have had do does did into over about than then there here which who whom what when "
            + "where why how all any some such other very so just only if while during each both own same too "
            + "s t us him hers theirs ours yours itself themselves one ones upon via per well yet").split(" "));

    /** Words and contractions that negate the predicate near them. */
    public static final Set<String> NEGATIONS = Set.of("not", "no", "never", "n't", "without", "none", "nobody",
            "nothing", "neither", "nor", "cannot", "fail", "fails", "failed", "failing", "unable", "lack", "lacks",
            "lacked", "lacking", "refuse", "refuses", "refused", "absent", "nowhere");

    /** Cues that a statement is possible or hedged rather than asserted. */
    public static final Set<String> HEDGES = Set.of("may", "might", "could", "possibly", "perhaps", "potentially",
            "likely", "unlikely", "probably", "maybe", "reportedly", "allegedly", "uncertain");

    /** Cues that a statement is asserted as certain or done. */
    public static final Set<String> CERTAINTY = Set.of("will", "must", "definitely", "certainly", "always",
            "confirm", "guarantee", "clearly", "undoubtedly", "shall");

    private static final List<String> ANTONYM_PAIRS = List.of(
            "increase/decrease", "increase/reduce", "increase/cut", "rise/fall", "rise/drop", "rise/decline",
            "grow/shrink", "gain/lose", "gain/loss", "profit/loss", "up/down", "higher/lower", "high/low",
            "raise/lower", "boost/reduce", "boost/lower", "boost/impair", "improve/worsen", "improve/impair",
            "better/worse", "best/worst", "good/bad", "strong/weak", "stronger/weaker", "before/after",
            "early/late", "earlier/later", "first/last", "begin/end", "start/end", "start/finish", "open/close",
            "win/lose", "victory/defeat", "buy/sell", "buyer/seller", "purchase/sell", "accept/reject",
            "accept/decline", "agree/disagree", "agree/decline", "agree/refuse", "allow/prohibit", "allow/forbid",
            "allow/ban", "permit/prohibit", "approve/deny", "approve/reject", "confirm/deny", "admit/deny",
            "above/below", "over/under", "more/less", "more/fewer", "most/least", "maximum/minimum",
            "many/few", "positive/negative", "optimistic/pessimistic", "success/failure", "succeed/fail",
            "include/exclude", "add/remove", "add/subtract", "easy/difficult", "easy/hard", "simple/complex",
            "simple/complicated", "large/small", "big/small", "long/short", "fast/slow", "quick/slow",
            "cheap/expensive", "major/minor", "same/different", "similar/different", "old/new", "old/young",
            "inside/outside", "internal/external", "import/export", "lend/borrow", "give/take", "send/receive",
            "push/pull", "love/hate", "like/dislike", "true/false", "correct/incorrect", "right/wrong",
            "male/female", "man/woman", "men/women", "boy/girl", "husband/wife", "father/mother", "son/daughter",
            "brother/sister", "he/she", "him/her", "his/her", "morning/evening", "day/night", "hire/fire",
            "arrive/depart", "arrive/leave", "enter/exit", "attack/defend", "teacher/student",
            "employer/employee", "debit/credit", "asset/liability", "revenue/expense", "income/expense",
            "north/south", "east/west", "left/right", "top/bottom", "upper/lower", "rich/poor", "safe/dangerous",
            "cold/hot", "warm/cool", "light/dark", "full/empty", "heavy/light", "wide/narrow", "deep/shallow",
            "present/absent", "public/private", "local/global", "domestic/foreign", "domestic/international",
            "manual/automatic", "online/offline", "supervised/unsupervised", "training/testing", "train/test",
            "introduction/conclusion", "beginning/end", "support/oppose", "praise/criticize", "happy/sad",
            "pleased/disappointed", "satisfied/dissatisfied", "interested/uninterested", "remember/forget",
            "find/lose", "reveal/hide", "unveil/hide", "show/hide", "expand/contract", "expand/shrink",
            "strengthen/weaken", "tighten/loosen", "accelerate/slow", "ahead/behind", "exceed/miss", "beat/miss",
            "surplus/deficit", "bull/bear", "bullish/bearish", "upgrade/downgrade", "inflow/outflow",
            "always/never", "all/none", "everyone/nobody", "everything/nothing", "possible/impossible",
            "likely/unlikely", "certain/uncertain", "able/unable", "known/unknown", "legal/illegal",
            "efficient/inefficient", "effective/ineffective", "novel/existing", "new/existing", "new/old",
            "prepare/destroy", "create/destroy", "build/destroy", "join/leave", "hire/dismiss", "include/omit",
            "complete/incomplete", "consistent/inconsistent", "stable/unstable", "formal/informal",
            "junior/senior", "minority/majority", "parent/child", "adult/child", "adult/teenager",
            "ask/answer", "question/answer", "cause/prevent", "help/hinder", "enable/prevent", "attract/repel",
            "dense/sparse", "continuous/discrete", "linear/nonlinear", "static/dynamic", "explicit/implicit",
            "global/local", "upstream/downstream", "input/output", "encoder/decoder", "minimize/maximize",
            "underestimate/overestimate", "undervalue/overvalue", "outperform/underperform", "won/lost",
            "speaker/audience", "speaker/listener", "friend/stranger", "friend/enemy", "ally/enemy", "pass/fail",
            "important/unimportant", "guilty/innocent", "peace/war", "appear/disappear", "alive/dead",
            "survive/die", "save/spend", "earn/lose", "deposit/withdraw", "urban/rural", "modern/ancient",
            "permanent/temporary", "appoint/dismiss", "launch/cancel", "visible/invisible", "hawkish/dovish",
            "tighten/ease", "surge/plunge", "soar/plunge", "rally/slump", "expand/narrow", "widen/narrow",
            "wet/dry", "sunny/cloudy", "sunny/rainy", "summer/winter", "encourage/discourage", "praise/blame",
            "reward/punish", "trust/distrust", "agree/oppose", "welcome/reject", "sufficient/insufficient",
            "adequate/inadequate", "relevant/irrelevant", "necessary/unnecessary", "common/rare",
            "frequent/rare", "usual/unusual", "normal/abnormal", "natural/artificial", "real/fake",
            "real/synthetic", "human/animal", "human/machine", "offline/online", "indoor/outdoor",
            "freshman/senior", "beginner/expert", "amateur/professional", "novice/expert",
            "host/guest", "landlord/tenant", "lender/borrower", "plaintiff/defendant", "winner/loser",
            "victim/perpetrator",
            "introduce/discontinue", "unveil/conceal", "reveal/conceal", "publish/withdraw", "lift/impose",
            "ban/legalize", "upward/downward", "bigger/smaller", "largest/smallest", "highest/lowest",
            "cheaper/pricier", "faster/slower", "shorter/longer", "older/younger", "stronger/weaker");

    private static final List<List<String>> WORD_CLASSES = List.of(
            List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
            List.of("january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december"),
            List.of("spring", "summer", "autumn", "fall", "winter"),
            List.of("hundred", "thousand", "million", "billion", "trillion"),
            List.of("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                    "last", "final"),
            List.of("daily", "weekly", "monthly", "quarterly", "annual", "annually", "yearly"),
            List.of("day", "week", "month", "quarter", "year", "decade", "century", "hour", "minute"),
            List.of("red", "blue", "green", "yellow", "black", "white", "orange", "purple", "pink", "brown",
                    "gray", "grey"),
            List.of("mother", "father", "sister", "brother", "son", "daughter", "wife", "husband", "aunt", "uncle",
                    "grandmother", "grandfather", "cousin", "girlfriend", "boyfriend", "friend", "colleague",
                    "boss", "neighbor", "neighbour", "partner"),
            List.of("man", "woman", "boy", "girl", "child", "adult", "teenager", "baby", "kid"),
            List.of("north", "south", "east", "west", "northern", "southern", "eastern", "western"),
            List.of("morning", "afternoon", "evening", "night", "noon", "midnight", "tonight", "today",
                    "tomorrow", "yesterday"),
            List.of("dollar", "euro", "pound", "yen", "yuan", "rupee", "franc"),
            List.of("percent", "percentage", "basis"),
            List.of("car", "bus", "bike", "bicycle", "taxi", "boat", "ship"),
            List.of("cat", "dog", "bird", "fish", "horse", "cow", "pig", "rabbit"),
            List.of("breakfast", "lunch", "dinner", "brunch"),
            List.of("coffee", "tea", "beer", "wine", "water", "juice", "milk", "soda", "butter", "cheese"),
            List.of("pizza", "burger", "sandwich", "pasta", "salad", "soup", "steak", "sushi", "cake", "bread",
                    "rice", "chicken", "beef", "pork", "fish", "chocolate", "cookie"),
            List.of("school", "hospital", "church", "mosque", "temple", "synagogue", "office", "factory",
                    "museum", "library", "bank", "hotel", "restaurant", "airport", "station", "prison", "stadium",
                    "university", "college", "embassy", "market", "mall", "shop", "store", "park", "beach"),
            List.of("doctor", "nurse", "teacher", "lawyer", "engineer", "farmer", "soldier", "pilot", "chef",
                    "driver", "police", "officer", "judge", "journalist", "scientist", "student", "manager",
                    "lifeguard", "technician", "accountant", "designer", "developer", "nurse", "priest"),
            List.of("president", "minister", "prosecutor", "chancellor", "governor", "mayor", "senator",
                    "ambassador", "king", "queen", "prince", "general", "commander", "chief", "chairman", "ceo",
                    "cfo", "director", "secretary", "spokesperson", "spokesman"),
            List.of("mine", "rig", "refinery", "pipeline", "reactor", "dam", "bridge", "tunnel", "tower",
                    "warehouse"),
            List.of("sunny", "rainy", "cloudy", "snowy", "windy", "foggy", "stormy", "humid"),
            List.of("happy", "sad", "angry", "excited", "worried", "nervous", "bored", "tired", "upset",
                    "anxious", "frustrated", "disappointed", "surprised", "scared"),
            List.of("phone", "laptop", "computer", "tablet", "camera", "printer", "television", "tv", "radio"),
            List.of("gold", "silver", "bronze", "platinum", "copper", "iron", "steel", "aluminum", "oil", "gas",
                    "coal"),
            List.of("node", "edge", "link", "cluster", "graph", "layer", "neuron", "vertex"),
            List.of("image", "video", "audio", "text", "speech", "language", "code", "table"),
            List.of("classification", "regression", "clustering", "segmentation", "detection", "generation",
                    "translation", "summarization", "retrieval"),
            List.of("train", "training", "test", "testing", "validation", "inference"),
            List.of("supervised", "unsupervised", "reinforcement", "semi-supervised", "self-supervised"),
            List.of("insurance", "loan", "mortgage", "pension", "savings", "investment", "credit"),
            List.of("health", "life", "auto", "home", "travel", "dental", "vision", "pet"),
            List.of("small", "medium", "large", "huge", "tiny"),
            List.of("email", "letter", "phone call", "text message", "meeting", "webinar", "newsletter"),
            List.of("dog", "cat", "bird", "horse", "poultry", "chicken", "cow", "sheep", "pig", "mouse", "rat",
                    "monkey", "animal", "human"));

    private static final Map<String, Set<String>> ANTONYMS = new HashMap<>();
    private static final Map<String, Integer> CLASS_OF = new HashMap<>();

    static {
        for (String pair : ANTONYM_PAIRS) {
            String[] p = pair.split("/");
            String a = Stemmer.stem(p[0]);
            String b = Stemmer.stem(p[1]);
            ANTONYMS.computeIfAbsent(a, k -> new HashSet<>()).add(b);
            ANTONYMS.computeIfAbsent(b, k -> new HashSet<>()).add(a);
        }
        for (int i = 0; i < WORD_CLASSES.size(); i++) {
            for (String w : WORD_CLASSES.get(i)) {
                CLASS_OF.putIfAbsent(Stemmer.stem(w), i);
            }
        }
    }

    private Lexicon() {
    }

    /** Returns the stems listed as opposites of the given stem; empty when none is known. */
    public static Set<String> antonyms(String stem) {
        return ANTONYMS.getOrDefault(stem, Set.of());
    }

    /** Returns the index of the closed word class the stem belongs to, or -1. */
    public static int wordClass(String stem) {
        return CLASS_OF.getOrDefault(stem, -1);
    }

    /** Returns whether the lower-case word negates: a listed cue or a {@code n't} contraction. */
    public static boolean isNegation(String lower, String stem) {
        return NEGATIONS.contains(lower) || lower.endsWith("n't")
                || lower.endsWith("n\u2019t");
    }
}
