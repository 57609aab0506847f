package dev.arbiter.authority.verify;

import java.util.List;
import java.util.Objects;

/**
 * Where in the candidate output a finding applies: a JSON Pointer into the parsed output, a character span of the
 * text, or the whole output. A closed set of immutable records.
 */
public sealed interface Location permits Location.Pointer, Location.Span, Location.Whole {

    /** Returns the location in words, e.g. {@code /items/0/price}, {@code characters [12,40)} or {@code whole output}. */
    String describe();

    /**
     * Returns a JSON Pointer location (RFC 6901).
     *
     * @param pointer {@code ""} for the whole document, otherwise a string starting with {@code /}
     * @throws IllegalArgumentException if the pointer is not empty and does not start with {@code /}
     */
    static Pointer pointer(String pointer) {
        return new Pointer(pointer);
    }

    /** Returns the JSON Pointer of the given reference tokens, escaping {@code ~} and {@code /}. */
    static Pointer pointer(List<String> tokens) {
        StringBuilder s = new StringBuilder();
        for (String t : tokens) {
            s.append('/').append(t.replace("~", "~0").replace("/", "~1"));
        }
        return new Pointer(s.toString());
    }

    /** Returns a span of characters {@code [start, end)} of the output text. */
    static Span span(int start, int end) {
        return new Span(start, end);
    }

    /** Returns the location that stands for the whole output. */
    static Whole whole() {
        return Whole.INSTANCE;
    }

    /**
     * A JSON Pointer (RFC 6901) into the output parsed as JSON.
     *
     * @param pointer {@code ""} for the document itself, otherwise starting with {@code /}
     */
    record Pointer(String pointer) implements Location {
        public Pointer {
            Objects.requireNonNull(pointer, "pointer");
            if (!pointer.isEmpty() && !pointer.startsWith("/")) {
                throw new IllegalArgumentException("a JSON Pointer is empty or starts with '/', was '" + pointer + "'");
            }
        }

        /** Returns the pointer, or {@code /} for the document itself (as findings show it to people and models). */
        @Override
        public String describe() {
            return pointer.isEmpty() ? "/" : pointer;
        }
    }

    /**
     * Characters {@code [start, end)} of the output text, in UTF-16 code units as {@link String} counts them.
     *
     * @param start the first character, {@code >= 0}
     * @param end one past the last character, {@code >= start}
     */
    record Span(int start, int end) implements Location {
        public Span {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("a span needs 0 <= start <= end, was [" + start + "," + end + ")");
            }
        }

        @Override
        public String describe() {
            return "characters [" + start + "," + end + ")";
        }
    }

    /** The whole output. */
    record Whole() implements Location {
        static final Whole INSTANCE = new Whole();

        @Override
        public String describe() {
            return "whole output";
        }
    }
}
