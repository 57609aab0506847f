package dev.arbiter.authority.verify.internal;

import java.util.regex.PatternSyntaxException;

/** Turns the exceptions networknt throws for a schema it cannot use into one readable reason. */
final class SchemaProblems {

    private SchemaProblems() {}

    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PatternSyntaxException) {
                PatternSyntaxException p = (PatternSyntaxException) t;
                return "the pattern /" + p.getPattern() + "/ is not a regular expression java.util.regex accepts: "
                        + p.getDescription();
            }
            String m = String.valueOf(t.getMessage());
            if (m.contains("is not allowed to be loaded")) {
                return "it references a schema that is not bundled (" + m
                        + "); remote, file and class-path references are never fetched";
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getName() : root.getMessage();
        return "networknt cannot compile it: " + message;
    }
}
