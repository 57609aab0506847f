package dev.arbiter.steering.context.internal;

import dev.arbiter.steering.context.InjectionRule;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The built-in injection heuristics, each with a stable id. They look for the shapes that indirect prompt
 * injections take in the literature and in the wild (text addressed to the model, overriding or new
 * instructions, forged turns and fences, exfiltration requests, tool-call syntax, directives about the
 * model's own reply, hidden characters), not for any one data set's payloads.
 *
 * <p>Every pattern is bounded (no nested unbounded repetition), so scanning is linear in practice.
 */
public final class StandardInjectionRules {

    private StandardInjectionRules() {}

    /** Words for instructions, tolerant of a slip ("iunstructions", "nstructions"). */
    private static final String INSTRUCTIONS = "(?:i\\w{0,2})?nstr\\w*";
    /** Ways to name the model reading the text. */
    private static final String MODEL = "(?:ai|a\\.i\\.|artificial\\s+intelligence|(?:ai|virtual|digital|llm)[\\s-]+"
            + "(?:assistant|agent|model|bot)s?|(?:ai\\s+)?(?:large\\s+)?language\\s+models?|llms?|chat\\s?bots?"
            + "|gpt[\\s-]?\\d[\\w.-]*|chatgpt|claude|gemini|llama[\\s-]?\\d*|mistral|mixtral|copilot|assistants?)\\b";
    /**
     * Up to n characters within one sentence or clause (a semicolon ends it); a period inside a token (a URL,
     * "e.g.", 3.5) does not.
     */
    private static String gap(int n) {
        return "(?:[^.!?;\\n]|[.!?](?=\\S)){0," + n + "}?";
    }

    /** Verbs that tell someone what to put in, or how to shape, a text. */
    private static final String EDIT_VERBS = "(?:add|include|insert|integrate|incorporate|embed|append|prepend|inject"
            + "|mention|put|place|write|state|say|replace|substitute|swap|modify|change|alter|rewrite|translate|convert"
            + "|format|encode|start|begin|end|finish|conclude|sign|enhance|augment|render|use|remove|delete|misspell"
            + "|scramble|jumble|rearrange|reverse|group|combine|introduce|suggest|tease|hint|promote|recommend|express"
            + "|emphasi[sz]e|highlight|stress|urge|invite|encourage|provide|craft|compose|structure|present|deliver)";

    /**
     * Where a request's verb stands: at the start of the text, a line, a sentence or a clause, or after a word that
     * introduces an imperative ("please", "then", "must", "to"…). Keeps nouns ("a wire payment") out.
     */
    private static final String IMPERATIVE = "(?:^|(?<=[.!?:;\\n>*•(\\-])[ \\t]*|\\b(?:please|kindly|to|and|then|now"
            + "|first|also|must|should|immediately|secretly|silently|quietly|quickly|can|could|would|will|do|just|you"
            + "|next|finally|instead|always)\\s+)";

    /** What the model itself produces. */
    private static final String OWN_OUTPUT =
            "(?:responses?|repl(?:y|ies)|answers?|outputs?|summar(?:y|ies)|completions?|translations?)\\b";

    /** Content someone may ask to have put into the reader's work. */
    private static final String SUPPLIED = "(?:code|snippet|block|excerpt|section|script|commands?|text|lines?|links?"
            + "|url|statement|sentence|paragraph)s?";
    /** The reader's own work. */
    private static final String OWN_WORK = "(?:code|codebase|solution|implementation|program|script|project|algorithm"
            + "|application|app|function|module|" + OWN_OUTPUT + ")\\b";

    static final InjectionRule IGNORE_INSTRUCTIONS = InjectionRule.of("ignore-instructions",
            "Tells the reader to ignore, disregard, forget or override earlier instructions, rules or prompts.",
            "\\b(?:ignore|disregard|forget|override|overrule|bypass|skip|abandon|neglect|discard|cancel)\\b"
                    + gap(40) + "\\b(?:previous|prior|preceding|above|earlier|former|original|initial|old"
                    + "|existing|all|any|every|your|the|system|developer|safety)\\b" + gap(30) + "\\b(?:"
                    + INSTRUCTIONS + "|directions?|rules|guidelines|prompts?|commands?|orders|context|constraints"
                    + "|guidance|polic(?:y|ies)|programming|restrictions)\\b",
            "ignore", "disregard", "forget", "override", "overrule", "bypass", "skip", "abandon", "neglect", "discard",
            "cancel");

    static final InjectionRule NEW_INSTRUCTIONS = InjectionRule.of("new-instructions",
            "Frames text as new, updated or overriding instructions or tasks for the reader.",
            "\\b(?:new|updated|revised|real|actual|true|additional|secret|hidden|priority|urgent)\\s+" + INSTRUCTIONS
                    + "\\s*[:!]"
                    + "|\\byour\\s+(?:new|real|actual|true|next|only|primary|updated)\\s+(?:task|goal|job|objective"
                    + "|mission|role|orders?|" + INSTRUCTIONS + ")\\b"
                    + "|\\bfrom\\s+now\\s+on\\b"
                    + "|\\b(?:adhere|comply|obey|stick)\\s+(?:strictly\\s+)?(?:to|with)\\s+(?:the|these|this|my)\\s+"
                    + "(?:following|new|below|next|updated)\\b"
                    + "|\\b(?:follow|execute|carry\\s+out|perform)\\s+(?:the|these|this|my)\\s+(?:new|following"
                    + "|updated|below)\\s+(?:" + INSTRUCTIONS + "|commands?|tasks?|orders)\\b"
                    + "|\\bdo\\s+the\\s+following\\s+(?:first|instead|immediately|now)\\b"
                    + "|\\bbefore\\s+(?:you\\s+)?(?:can\\s+)?(?:solve|answer|complete|continue|proceed|finish|respond)"
                    + "\\b" + gap(60) + "\\b(?:do|complete|perform)\\s+the\\s+following\\b"
                    + "|\\binstead\\s+of\\s+(?:the|your)\\s+(?:original|current|given|assigned|user'?s?)\\s+"
                    + "(?:task|request|question|" + INSTRUCTIONS + ")\\b",
            "nstr", "your", "from", "adhere", "comply", "obey", "stick", "follow", "execute", "carry", "perform",
            "before", "instead");

    static final InjectionRule ADDRESSED_TO_MODEL = InjectionRule.of("addressed-to-model",
            "Addresses the AI reading the text: an assistant, a language model or a named model.",
            "\\b(?:dear|hey|hi|hello|attention|note\\s+(?:to|for)|message\\s+(?:to|for)|instructions?\\s+(?:to|for))"
                    + "\\s*,?\\s+(?:the\\s+|an?\\s+|all\\s+|any\\s+)?" + MODEL
                    + "|\\byou\\s*,\\s*(?:the\\s+|an?\\s+)?" + MODEL
                    + "|\\b(?:you\\s+are|you're|if\\s+you\\s+are)\\s+(?:now\\s+)?(?:an?\\s+|the\\s+)?(?:ai|a\\.i\\."
                    + "|(?:large\\s+)?language\\s+model|llm|chat\\s?bot|(?:ai|virtual|digital)\\s+(?:assistant|agent)"
                    + "|assistant)\\b"
                    + "|(?:^|[\\n.!?]\\s*)(?:ai|assistant|agent|chatbot|llm|model|bot)\\s*[,:]\\s*(?:please\\s+)?"
                    + "(?:ignore|do|send|stop|forget|you\\s+must|you\\s+should|execute|run|call|reply|respond|answer"
                    + "|print|output|say|tell|write)\\b");

    static final InjectionRule ROLE_MARKER = InjectionRule.of("role-marker",
            "Chat role markers or chat-template tokens that try to open a new system, assistant or developer turn.",
            "(?m)^[ \\t>#*]*(?:system|assistant|developer)\\s*(?:message|prompt)?\\s*:"
                    + "|<\\|\\s*(?:im_start|im_end|im_sep|system|user|assistant|endoftext|eot_id|start_header_id"
                    + "|end_header_id|begin_of_text|end_of_text|eom_id)\\s*\\|>"
                    + "|\\[/?(?:INST|SYS)\\]|<</?SYS>>|<(?:start|end)_of_turn>"
                    + "|^[ \\t]*#{2,}\\s*(?:instruction|system|response|assistant)s?\\s*:?[ \\t]*$"
                    + "|\\b(?:system|developer)\\s+(?:prompt|message|override|instruction)s?\\s*:",
            "system", "assistant", "developer", "<|", "inst]", "sys]", "sys>>", "_of_turn>", "instruction", "response");

    static final InjectionRule FENCE_IMITATION = InjectionRule.of("fence-imitation",
            "Imitates prompt structure: fence or boundary markers, tags that open or close data, system or "
                    + "instruction blocks.",
            "</?\\s*(?:untrusted[-_ ]?(?:data|content|text|input)?|trusted[-_ ]?(?:data|content|input)?"
                    + "|system(?:[-_ ]?(?:prompt|message|instructions?))?|instructions?|information|important|admin"
                    + "|developer|context|documents?|data|tool[-_ ]?(?:output|result|call|response)s?"
                    + "|function[-_ ]?(?:output|result)s?|user[-_ ]?(?:input|query|message|request|prompt)|assistant"
                    + "|prompt)(?:\\s[^<>\\n]{0,80})?\\s*/?>"
                    + "|\\bfence\\s*=\\s*[\"']?[0-9a-f]{8,}"
                    + "|[-=#*~\\[<{(]\\s*(?:begin|end|start)\\s+(?:of\\s+)?(?:the\\s+)?(?:untrusted|trusted|system|data"
                    + "|context|document|instructions?|prompt|input|output|tool|email|message|user)\\b"
                    + "|\\b(?:end|close)\\s+of\\s+(?:the\\s+)?(?:untrusted|quoted|external)\\s+(?:data|content|text"
                    + "|input|document)\\b",
            "<", "fence", "begin", "end", "start", "close");

    static final InjectionRule URGENCY_MARKER = InjectionRule.of("urgency-marker",
            "Urgency or authority markers used to push instructions: IMPORTANT!!!, URGENT!!, "
                    + "'this is an important message from …'.",
            "\\b(?:important|urgent|attention|warning|critical|mandatory|alert|notice|priority)\\b\\s*!{2,}"
                    + "|\\bthis\\s+is\\s+an?\\s+(?:very\\s+|extremely\\s+|really\\s+|most\\s+)?(?:important|urgent"
                    + "|critical|priority)\\s+(?:message|instruction|notice|request|note)\\s+(?:from|for|to)\\b"
                    + "|\\b(?:extremely|very|critically|super)\\s+important\\s*!+",
            "important", "urgent", "attention", "warning", "critical", "mandatory", "alert", "notice", "priority");

    static final InjectionRule SEND_DATA_OR_MONEY = InjectionRule.of("send-data-or-money",
            "Asks the reader to send, transfer, forward, upload or e-mail money, credentials or data, or to send "
                    + "something to an outside address (e-mail, IBAN, URL).",
            IMPERATIVE + "(?:send|transfer|wire|forward|e-?mail|upload|post|leak|exfiltrate|share|transmit|remit)\\s+"
                    + "(?:[^\\s.!?]+\\s+){0,8}?(?:to\\s+(?:the\\s+|this\\s+|that\\s+|my\\s+|our\\s+)?(?:(?:web\\s?site|site"
                    + "|web\\s?page|page|url|link|server|endpoint|address|account|iban|wallet|e-?mail(?:\\s+address)?)\\s+)?"
                    + "['\"`(]?(?:[\\w.+-]+@[\\w-]+\\.[\\w.]+|[a-z]{2}\\d{2}[a-z0-9]{10,30}\\b|https?://|www\\.|[\\w-]+\\."
                    + "(?:com|net|org|io|xyz|ru|cn|info|biz)\\b|(?:the\\s+following|this|that)\\s+(?:address|account"
                    + "|e-?mail|iban|number|url|server|endpoint|link|wallet|recipient)\\b)"
                    + "|(?:\\$\\s?\\d|€\\s?\\d|(?:money|funds|payments?|bitcoin|btc|eth|crypto\\w*|passwords?|passcodes?"
                    + "|credentials?|api[\\s_-]?keys?|access\\s+tokens?|secrets?|private\\s+keys?|ssh\\s+keys?|cookies?"
                    + "|session\\s+ids?|personal\\s+(?:data|information|details)|contacts?|files?"
                    + "|(?:chat|conversation|transaction|browsing|order|message|search)\\s+history"
                    + "|the\\s+(?:conversation|chat|transcript|system\\s+prompt)|transactions?)\\b))",
            "send", "transfer", "wire", "forward", "mail", "upload", "post", "leak", "exfiltrate", "share", "transmit",
            "remit");

    static final InjectionRule TOOL_CALL = InjectionRule.of("tool-call",
            "Tool- or function-call syntax, or text telling the reader to use a tool or call something with "
                    + "given arguments.",
            "\\b(?:use|call|invoke|run|execute|trigger)\\s+(?:the\\s+|a\\s+)?tool\\b"
                    + "|\\btool\\s+[`'\"]?[\\w.-]+[`'\"]?\\s+with\\s+(?:the\\s+)?(?:following\\s+)?(?:arguments"
                    + "|parameters|args|inputs?)\\b"
                    + "|\\bwith\\s+the\\s+following\\s+(?:arguments|args)\\b"
                    + "|<\\s*/?\\s*(?:tool_call|tool_calls|function_call|function_calls|tool_use|invoke|antml:[\\w-]+)"
                    + "\\b[^<>\\n]{0,80}>"
                    + "|\"(?:function_call|tool_calls?|tool_use|tool_name)\"\\s*:"
                    + "|\\{\\s*[\"'](?:name|tool|function)[\"']\\s*:\\s*[\"'][\\w.-]+[\"']\\s*,\\s*[\"'](?:arguments"
                    + "|parameters|args|input)[\"']\\s*:",
            "tool", "arg", "function_", "invoke", "antml:", "parameters", "input");

    static final InjectionRule RESPONSE_DIRECTIVE = InjectionRule.of("response-directive",
            "Directs the reader's own reply: what to add to, change in or how to write 'your response', "
                    + "'your answer', 'your reply' or 'your output'.",
            "\\b" + EDIT_VERBS + "\\b" + gap(120) + "\\b(?:in|to|into|within|throughout|from|of|for"
                    + "|at\\s+the\\s+(?:end|start|beginning|top|bottom)\\s+of)\\s+(?:all\\s+|each\\s+|every\\s+)?(?:of\\s+)?"
                    + "your\\s+(?:own\\s+)?(?:final\\s+)?" + OWN_OUTPUT
                    + "|\\b" + EDIT_VERBS + "\\s+(?:all\\s+|each\\s+|every\\s+)?(?:of\\s+)?your\\s+(?:own\\s+)?(?:final\\s+)?"
                    + OWN_OUTPUT
                    + "|\\b(?:in|within|throughout|at\\s+the\\s+(?:end|start|beginning)\\s+of)\\s+(?:all\\s+|each\\s+"
                    + "|every\\s+)?your\\s+(?:own\\s+)?(?:final\\s+)?" + OWN_OUTPUT + "\\s*,\\s*(?:please\\s+)?"
                    + EDIT_VERBS + "\\b"
                    + "|\\byour\\s+(?:response|reply|answer|output)\\s+(?:must|should|shall|has\\s+to|needs?\\s+to)\\b",
            "your");

    static final InjectionRule INSERT_CONTENT = InjectionRule.of("insert-content",
            "Tells the reader to put supplied content (code, text, a link) into its own work: "
                    + "'add the following code to your solution'.",
            "\\b(?:following|subsequent|below|provided|attached)\\s+" + SUPPLIED + "\\b" + gap(80) + "\\byour\\s+"
                    + "(?:own\\s+)?" + OWN_WORK
                    + "|\\byour\\s+(?:own\\s+)?" + OWN_WORK + gap(80) + "\\b(?:following|subsequent|below|provided"
                    + "|attached)\\s+" + SUPPLIED + "\\b",
            "your");

    static final InjectionRule TASK_REQUEST = InjectionRule.of("task-request",
            "A sentence that asks the reader to produce content (explain, describe, summarise, translate, draft, "
                    + "compose…): a task for a model rather than information.",
            "(?:^|(?<=[.!?:;]\\s)|(?<=\\n))[ \\t]*(?:please\\s+)?(?:explain|describe|summari[sz]e|translate|draft"
                    + "|compose|elaborate\\s+on|teach\\s+me"
                    + "|(?:write|generate|create|develop|provide|produce)\\s+(?:me\\s+)?(?:a|an|the|some)\\s+(?:short\\s+"
                    + "|brief\\s+|detailed\\s+)?(?:story|poem|essay|speech|letter|song|article|introduction|summary"
                    + "|review|tweet|blog\\s+post|haiku|joke|explanation|example|overview|translation|recipe|list))\\b",
            "explain", "describe", "summari", "translate", "draft", "compose", "elaborate", "teach", "write",
            "generate", "create", "develop", "provide", "produce");

    static final InjectionRule INVISIBLE_TEXT = new InjectionRule("invisible-text",
            "Invisible characters that hide text from people but not from models: Unicode tag characters, "
                    + "bidirectional overrides, zero-width characters inside a word.",
            Pattern.compile("[\\x{E0000}-\\x{E007F}]+|[\\u202A-\\u202E\\u2066-\\u2069]+"
                    + "|(?<=[A-Za-z])[\\u200B-\\u200D\\u2060]+(?=[A-Za-z])"),
            InjectionRule.Input.RAW,
            List.of("\uDB40", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068",
                    "\u2069", "\u200B", "\u200C", "\u200D", "\u2060"));

    /** Where the matches of each built-in rule on the normalised text can start (see {@link RuleStarts}). */
    private static final java.util.Map<InjectionRule, RuleStarts> STARTS = java.util.Map.ofEntries(
            java.util.Map.entry(IGNORE_INSTRUCTIONS, RuleStarts.ofWords("ignore", "disregard", "forget", "override",
                    "overrule", "bypass", "skip", "abandon", "neglect", "discard", "cancel")),
            java.util.Map.entry(NEW_INSTRUCTIONS, RuleStarts.ofWords("new", "updated", "revised", "real", "actual",
                    "true", "additional", "secret", "hidden", "priority", "urgent", "your", "from", "adhere", "comply",
                    "obey", "stick", "follow", "execute", "carry", "perform", "do", "before", "instead")),
            java.util.Map.entry(ADDRESSED_TO_MODEL, RuleStarts.ofWords("dear", "hey", "hi", "hello", "attention",
                    "note", "message", "instruction", "you", "if").withTextStart().atChars("\n.!?")
                    .followedBy(StandardInjectionRules::addressFollows)),
            java.util.Map.entry(ROLE_MARKER, RuleStarts.ofWords("system", "developer").lineStarts().atChars("<[")),
            java.util.Map.entry(FENCE_IMITATION, RuleStarts.ofWords("fence", "end", "close").atChars("<-=#*~[{(")),
            java.util.Map.entry(URGENCY_MARKER, RuleStarts.ofWords("important", "urgent", "attention", "warning",
                    "critical", "mandatory", "alert", "notice", "priority", "this", "extremely", "very", "critically",
                    "super")),
            java.util.Map.entry(SEND_DATA_OR_MONEY, RuleStarts.ofWords("please", "kindly", "to", "and", "then", "now",
                    "first", "also", "must", "should", "immediately", "secretly", "silently", "quietly", "quickly",
                    "can", "could", "would", "will", "do", "just", "you", "next", "finally", "instead", "always")
                    .withTextStart().afterChars(".!?:;\n>*\u2022(-").followedBy(StandardInjectionRules::sendVerbFollows)),
            java.util.Map.entry(TOOL_CALL, RuleStarts.ofWords("use", "call", "invoke", "run", "execute", "trigger",
                    "tool", "with").atChars("<\"{")),
            java.util.Map.entry(RESPONSE_DIRECTIVE, RuleStarts.ofWords(editVerbs("in", "within", "throughout", "at",
                    "your"))),
            java.util.Map.entry(INSERT_CONTENT, RuleStarts.ofWords("following", "subsequent", "below", "provided",
                    "attached", "your")),
            java.util.Map.entry(TASK_REQUEST, RuleStarts.ofWords().withTextStart().afterChars("\n").afterCharsSpaced(".!?:;")
                    .followedBy((view, start) -> StandardInjectionRules.TASK_VERBS.at(view,
                            RuleStarts.skipSpaces(view, start)))));

    /** The send verbs of SEND_DATA_OR_MONEY ("e-?mail" both ways). */
    private static final RuleStarts.Literals SEND_VERBS = literals("send", "transfer", "wire", "forward",
            "email", "e-mail", "upload", "post", "leak", "exfiltrate", "share", "transmit", "remit");
    /** What may open a TASK_REQUEST after its start and spaces. */
    private static final RuleStarts.Literals TASK_VERBS = literals("please", "explain", "describe",
            "summari", "translate", "draft", "compose", "elaborate", "teach", "write", "generate", "create", "develop",
            "provide", "produce");
    /** The start words of ADDRESSED_TO_MODEL, and the names its line-start alternative takes. */
    private static final RuleStarts.Literals ADDRESS_WORDS = literals("dear", "hey", "hi", "hello",
            "attention", "note", "message", "instruction", "you", "if");
    private static final RuleStarts.Literals ADDRESS_NAMES = literals("ai", "assistant", "agent",
            "chatbot", "llm", "model", "bot");

    private static RuleStarts.Literals literals(String... words) {
        return new RuleStarts.Literals(java.util.List.of(words));
    }

    /** SEND_DATA_OR_MONEY: after the start, spaces, or an introducing word and spaces, then a send verb. */
    private static boolean sendVerbFollows(String view, int start) {
        if (SEND_VERBS.at(view, RuleStarts.skipSpaces(view, start))) {
            return true;
        }
        int wordEnd = RuleStarts.skipWord(view, start);
        int next = RuleStarts.skipSpaces(view, wordEnd);
        return wordEnd > start && next > wordEnd && SEND_VERBS.at(view, next);
    }

    /** ADDRESSED_TO_MODEL: a start word, or a line or sentence end (or the text's start), spaces, then a name. */
    private static boolean addressFollows(String view, int start) {
        if (ADDRESS_WORDS.at(view, start)) {
            return true;
        }
        int p = start;
        if (p < view.length() && "\n.!?".indexOf(view.charAt(p)) >= 0) {
            p++;
        }
        return ADDRESS_NAMES.at(view, RuleStarts.skipSpaces(view, p));
    }

    /** The edit verbs as literals ("emphasi[sz]e" as its prefix), then the given words. */
    private static String[] editVerbs(String... more) {
        java.util.List<String> words = new java.util.ArrayList<>();
        for (String w : EDIT_VERBS.substring(3, EDIT_VERBS.length() - 1).split("\\|")) {
            int cls = w.indexOf('[');
            words.add(cls < 0 ? w : w.substring(0, cls));
        }
        words.addAll(java.util.List.of(more));
        return words.toArray(String[]::new);
    }

    /**
     * Returns where the rule's matches can start, for the built-in rules on the normalised text; {@code null} for
     * any other rule (it is scanned position by position).
     */
    public static @org.jspecify.annotations.Nullable RuleStarts starts(InjectionRule rule) {
        return STARTS.get(rule);
    }

    /** Returns every built-in rule, in the order they run. */
    public static List<InjectionRule> all() {
        return List.of(IGNORE_INSTRUCTIONS, NEW_INSTRUCTIONS, ADDRESSED_TO_MODEL, ROLE_MARKER, FENCE_IMITATION,
                URGENCY_MARKER, SEND_DATA_OR_MONEY, TOOL_CALL, RESPONSE_DIRECTIVE, INSERT_CONTENT, TASK_REQUEST,
                INVISIBLE_TEXT);
    }
}
