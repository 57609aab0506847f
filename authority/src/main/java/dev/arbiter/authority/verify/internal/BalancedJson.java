package dev.arbiter.authority.verify.internal;

/** Finds where a JSON object or array that starts at a given index ends, honouring strings and escapes. */
final class BalancedJson {

    private BalancedJson() {}

    /**
     * Returns the index one past the bracket that closes the object or array starting at {@code start}, or
     * {@code -1} when it never closes.
     */
    static int end(String text, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        return -1;
    }
}
