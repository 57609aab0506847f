package dev.arbiter.examples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code ```java} blocks of Markdown files, each with the Java source that compiles it.
 *
 * <p>A block is compiled as one of three kinds, chosen by an HTML comment on the line (or lines) before its fence,
 * or guessed when there is none:
 * <ul>
 *   <li>{@code <!-- snippet: class -->}: the block is a compilation unit (imports and types); guessed when a line of
 *       the block starts a type declaration ({@code class}, {@code interface}, {@code record}, {@code enum},
 *       {@code @interface}, with or without modifiers) at indentation zero;</li>
 *   <li>{@code <!-- snippet: members -->}: field and method declarations, placed in a class;</li>
 *   <li>{@code <!-- snippet: method -->}: statements, placed in a method (the guess for anything else); leading
 *       {@code import} lines go to the compilation unit.</li>
 * </ul>
 * The comment may add {@code returns TYPE} (the method's return type; default {@code void}) and
 * {@code given DECL; DECL; ...}: members of the wrapping class the block relies on without showing them, such as
 * {@code ChatModel chatModel} or {@code record Invoice(String vendor) {}}. A block that is deliberately not Java
 * is marked {@code <!-- not-compiled: reason -->} and skipped. Every wrapper starts with {@link #IMPORTS}.
 *
 * <p>A {@code ```yaml} block marked {@code <!-- snippet: intent-contract -->} is an intent contract shown as a file;
 * {@link #contracts} returns those, for a test to load them.
 *
 * <p>Each block gets its own package ({@code docsnippets.<file>_L<line>}), unless it declares one, so the types of
 * two blocks never clash; blocks that declare the same package see each other.
 */
final class DocSnippets {

    /** The on-demand imports every block gets: the public packages of Arbiter, the usual JDK ones, langchain4j's models. */
    static final List<String> IMPORTS = List.of(
            "dev.arbiter.core.*",
            "dev.arbiter.core.langchain4j.*",
            "dev.arbiter.core.testing.*",
            "dev.arbiter.steering.*",
            "dev.arbiter.steering.intent.*",
            "dev.arbiter.steering.context.*",
            "dev.arbiter.steering.constraint.*",
            "dev.arbiter.authority.verify.*",
            "dev.arbiter.authority.verify.grounding.*",
            "dev.arbiter.authority.provenance.*",
            "dev.arbiter.authority.permission.*",
            "dev.arbiter.workflow.*",
            "dev.arbiter.workflow.trace.*",
            "dev.arbiter.eval.*",
            "dev.arbiter.eval.report.*",
            "dev.arbiter.eval.junit.*",
            "java.math.*",
            "java.nio.file.*",
            "java.time.*",
            "java.util.*",
            "dev.langchain4j.model.chat.*",
            "dev.langchain4j.model.openai.*");

    private static final Pattern FENCE_OPEN = Pattern.compile("^(\\s*)(`{3,}|~{3,})\\s*([\\w+-]*).*$");
    private static final Pattern DIRECTIVE = Pattern.compile(
            "<!--\\s*(snippet|not-compiled):(.*?)-->", Pattern.DOTALL);
    private static final Pattern KIND = Pattern.compile(
            "\\s*(class|members|method)(?:\\s+returns\\s+(.+?))?(?:\\s+given\\s+(.*?))?\\s*", Pattern.DOTALL);
    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "^(?:(?:public|final|abstract|sealed|non-sealed|static|strictfp)\\s+)*"
                    + "(?:class|interface|record|enum|@interface)\\s+\\w+.*");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)",
            Pattern.MULTILINE);

    /** How a block is compiled. */
    enum Kind { CLASS, MEMBERS, METHOD, NOT_COMPILED }

    /**
     * One {@code ```java} block.
     *
     * @param file the Markdown file, relative to the repository root, with forward slashes
     * @param line the 1-based line of the block's first code line
     * @param code the block's text, its fence's indentation removed
     * @param kind how it is compiled
     * @param returns the return type of a method block
     * @param given the members of the wrapping class the block relies on
     * @param reason why a not-compiled block is not compiled; empty otherwise
     */
    record Snippet(String file, int line, String code, Kind kind, String returns, List<String> given, String reason) {
        Snippet {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(kind, "kind");
            given = List.copyOf(given);
        }

        /** Returns {@code file:line}, how failures name the block. */
        String where() {
            return file + ":" + line;
        }

        /** Returns the package the block compiles in. */
        String packageName() {
            Matcher m = PACKAGE.matcher(code);
            if (kind == Kind.CLASS && m.find()) {
                return m.group(1);
            }
            String stem = file.replaceAll("\\.md$", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
            return "docsnippets." + stem + "_L" + line;
        }

        /** Returns the compiled source: a wrapper around the block. */
        Source source() {
            StringBuilder head = new StringBuilder();
            boolean declaresPackage = kind == Kind.CLASS && PACKAGE.matcher(code).find();
            if (!declaresPackage) {
                head.append("package ").append(packageName()).append("; ");
            }
            IMPORTS.forEach(i -> head.append("import ").append(i).append("; "));
            String body = code;
            if (kind == Kind.METHOD) {
                // Leading import lines belong to the compilation unit; keep the line count.
                StringBuilder imports = new StringBuilder();
                StringBuilder rest = new StringBuilder();
                boolean leading = true;
                for (String l : code.split("\n", -1)) {
                    String t = l.strip();
                    if (leading && (t.startsWith("import ") || t.isEmpty() || t.startsWith("//"))) {
                        // Only the declaration: a trailing comment would hide the rest of the wrapper's line.
                        imports.append(t.startsWith("import ") ? t.substring(0, t.indexOf(';') + 1) : "").append(' ');
                        rest.append('\n');
                    } else {
                        leading = false;
                        rest.append(l).append('\n');
                    }
                }
                head.append(imports);
                body = rest.toString();
            }
            String type = "Snippet";
            StringBuilder src = new StringBuilder();
            if (declaresPackage) {
                // The block's package line must come first: put the imports on the line after it.
                int end = code.indexOf(';', code.indexOf("package")) + 1;
                src.append(code, 0, end).append(' ').append(head).append(code.substring(end)).append('\n');
                Matcher m = PUBLIC_TYPE.matcher(code);
                type = m.find() ? m.group(1) : type;
                return new Source(packageName(), type, src.toString());
            }
            src.append(head);
            switch (kind) {
                case CLASS -> {
                    Matcher m = PUBLIC_TYPE.matcher(code);
                    type = m.find() ? m.group(1) : type;
                    src.append(body).append('\n');
                }
                case MEMBERS -> src.append("abstract class Snippet { ").append(givenMembers()).append(body)
                        .append("\n}\n");
                case METHOD -> src.append("abstract class Snippet { ").append(givenMembers())
                        .append(returns.isEmpty() ? "void" : returns).append(" snippet() throws Exception { ")
                        .append(body).append("\n}}\n");
                default -> throw new IllegalStateException("not compiled: " + where());
            }
            return new Source(packageName(), type, src.toString());
        }

        private String givenMembers() {
            StringBuilder out = new StringBuilder();
            for (String g : given) {
                out.append(g).append(g.endsWith("}") ? " " : "; ");
            }
            return out.toString();
        }
    }

    /**
     * A compilation unit made from a block.
     *
     * @param packageName its package
     * @param typeName the simple name its file is named after
     * @param text the source; the wrapper is written on the block's first line, so source line n is block line n
     */
    record Source(String packageName, String typeName, String text) {}

    private DocSnippets() {}

    /** Returns README.md, examples/README.md and every Markdown file under docs/, in path order. */
    static List<Path> markdownFiles(Path root) {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        files.add(root.resolve("examples/README.md"));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Returns the {@code ```java} blocks of a file. */
    static List<Snippet> read(Path root, Path file) {
        try {
            String name = root.relativize(file).toString().replace('\\', '/');
            return parse(name, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the {@code ```java} blocks of a Markdown text.
     *
     * @throws IllegalArgumentException naming the file and line of an unclosed block or an unreadable directive
     */
    static List<Snippet> parse(String file, String markdown) {
        String[] lines = markdown.split("\n", -1);
        List<Snippet> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher open = FENCE_OPEN.matcher(lines[i]);
            if (!open.matches()) {
                continue;
            }
            String indent = open.group(1);
            String fence = open.group(2);
            boolean java = open.group(3).equalsIgnoreCase("java");
            int close = i + 1;
            while (close < lines.length && !isClose(lines[close], fence)) {
                close++;
            }
            if (close == lines.length) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": code block never closed");
            }
            if (java) {
                StringBuilder code = new StringBuilder();
                for (int j = i + 1; j < close; j++) {
                    String l = lines[j];
                    code.append(l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading()).append('\n');
                }
                out.add(snippet(file, i + 2, code.toString(), directive(file, lines, i)));
            }
            i = close;
        }
        return out;
    }

    /**
     * Returns the {@code ```yaml} blocks marked {@code <!-- snippet: intent-contract -->}, each as a snippet of kind
     * {@link Kind#NOT_COMPILED} whose code is the YAML text: intent contracts that the docs show as files.
     */
    static List<Snippet> contracts(String file, String markdown) {
        String[] lines = markdown.split("\n", -1);
        List<Snippet> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher open = FENCE_OPEN.matcher(lines[i]);
            if (!open.matches()) {
                continue;
            }
            int close = i + 1;
            while (close < lines.length && !isClose(lines[close], open.group(2))) {
                close++;
            }
            boolean contract = directive(file, lines, i).matches("(?s)<!--\\s*snippet:\\s*intent-contract\\s*-->");
            if (open.group(3).equalsIgnoreCase("yaml") && contract) {
                String yaml = String.join("\n", List.of(lines).subList(i + 1, Math.min(close, lines.length))) + "\n";
                out.add(new Snippet(file, i + 2, yaml, Kind.NOT_COMPILED, "", List.of(), "an intent contract"));
            }
            i = close;
        }
        return out;
    }

    private static boolean isClose(String line, String fence) {
        String t = line.strip();
        return t.startsWith(fence) && t.chars().allMatch(c -> c == fence.charAt(0));
    }

    /** Returns the HTML comment that ends on the last non-blank line before the fence, or "" when there is none. */
    private static String directive(String file, String[] lines, int fenceLine) {
        int j = fenceLine - 1;
        while (j >= 0 && lines[j].isBlank()) {
            j--;
        }
        if (j < 0 || !lines[j].strip().endsWith("-->")) {
            return "";
        }
        StringBuilder comment = new StringBuilder(lines[j]);
        while (!comment.toString().contains("<!--") && j > 0) {
            j--;
            comment.insert(0, lines[j] + "\n");
        }
        String text = comment.toString();
        String body = text.substring(text.lastIndexOf("<!--"));
        boolean ours = body.matches("(?s)<!--\\s*(snippet|not-compiled)\\b.*");
        if (ours && !DIRECTIVE.matcher(body).find()) {
            throw new IllegalArgumentException(file + ":" + (j + 1) + ": unreadable snippet directive " + body);
        }
        return ours ? body : "";
    }

    private static Snippet snippet(String file, int line, String code, String directive) {
        if (directive.isEmpty()) {
            return new Snippet(file, line, code, guess(code), "", List.of(), "");
        }
        Matcher d = DIRECTIVE.matcher(directive);
        if (!d.find()) {
            throw new IllegalArgumentException(file + ":" + line + ": unreadable snippet directive " + directive);
        }
        String value = d.group(2).strip();
        if (d.group(1).equals("not-compiled")) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException(file + ":" + line + ": a not-compiled block must say why");
            }
            return new Snippet(file, line, code, Kind.NOT_COMPILED, "", List.of(), value);
        }
        Matcher k = KIND.matcher(value);
        if (!k.matches()) {
            throw new IllegalArgumentException(file + ":" + line + ": unknown snippet directive \"" + value
                    + "\" (expected: class | members | method [returns TYPE] [given DECL; ...])");
        }
        Kind kind = Kind.valueOf(k.group(1).toUpperCase(Locale.ROOT));
        String returns = k.group(2) == null ? "" : k.group(2).strip();
        if (!returns.isEmpty() && kind != Kind.METHOD) {
            throw new IllegalArgumentException(file + ":" + line + ": only a method block has a return type");
        }
        List<String> given = k.group(3) == null ? List.of() : splitDeclarations(k.group(3));
        if (!given.isEmpty() && kind == Kind.CLASS) {
            throw new IllegalArgumentException(file + ":" + line + ": a class block declares what it needs itself");
        }
        return new Snippet(file, line, code, kind, returns, given, "");
    }

    private static Kind guess(String code) {
        for (String l : code.split("\n")) {
            if (TYPE_DECLARATION.matcher(l).matches()) {
                return Kind.CLASS;
            }
        }
        return Kind.METHOD;
    }

    /** Splits "A a; record R(int x) {}; B b" at the semicolons outside brackets. */
    static List<String> splitDeclarations(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '{' || c == '(' || c == '<' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == '>' || c == ']') {
                depth--;
            }
            if (c == ';' && depth == 0) {
                add(out, current);
                current.setLength(0);
            } else {
                current.append(c == '\n' ? ' ' : c);
            }
        }
        add(out, current);
        return out;
    }

    private static void add(List<String> out, StringBuilder declaration) {
        String d = declaration.toString().strip();
        if (!d.isEmpty()) {
            out.add(d);
        }
    }
}
