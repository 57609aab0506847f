package dev.arbiter.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.examples.docs.DocSnippets.Kind;
import dev.arbiter.examples.docs.DocSnippets.Snippet;
import dev.arbiter.steering.intent.IntentContract;
import dev.arbiter.steering.intent.LintFinding;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md and docs/**.md compiles against the real APIs (this module's test
 * classpath: every Arbiter module, langchain4j's OpenAI and Anthropic models and AiServices, JUnit). All blocks are
 * compiled in one compiler run; each block is then a test of its own, named {@code file:line}, that fails with the
 * compiler's errors at their lines in the Markdown file. How a block is wrapped: {@link DocSnippets}.
 */
class DocSnippetsTest {

    private static Path root;
    private static List<Snippet> snippets;
    private static Map<Snippet, List<String>> errors;

    @BeforeAll
    static void compileEverySnippet(@TempDir Path classes) {
        root = repositoryRoot();
        snippets = DocSnippets.markdownFiles(root).stream()
                .flatMap(f -> DocSnippets.read(root, f).stream())
                .collect(Collectors.toList());
        errors = compile(snippets, classes);
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompiles() {
        return snippets.stream().filter(s -> s.kind() != Kind.NOT_COMPILED).map(s -> DynamicTest.dynamicTest(
                s.where(), () -> assertThat(errors.getOrDefault(s, List.of()))
                        .as("compiler errors of the java block at " + s.where()
                                + " (how blocks are wrapped: DocSnippets)")
                        .isEmpty()));
    }

    @Test
    void theDocsHaveJavaBlocksAndFewAreLeftUncompiled() {
        List<Snippet> skipped = snippets.stream().filter(s -> s.kind() == Kind.NOT_COMPILED).collect(Collectors.toList());
        assertThat(snippets.stream().map(Snippet::file).distinct())
                .contains("README.md", "docs/getting-started.md", "docs/from-aiservices.md", "docs/providers.md");
        assertThat(skipped).allSatisfy(s -> assertThat(s.reason()).isNotBlank());
        assertThat(skipped.size()).as("not-compiled blocks: %s", skipped.stream().map(Snippet::where)
                .collect(Collectors.toList())).isLessThanOrEqualTo(snippets.size() / 10);
    }

    @TestFactory
    Stream<DynamicTest> everyIntentContractShownAsAFileLoadsWithoutLintErrors() {
        List<Snippet> contracts = DocSnippets.markdownFiles(root).stream()
                .flatMap(f -> readContracts(f).stream())
                .collect(Collectors.toList());
        assertThat(contracts).extracting(Snippet::file).contains("docs/getting-started.md");
        return contracts.stream().map(c -> DynamicTest.dynamicTest(c.where(), () -> {
            IntentContract contract = IntentContract.fromYaml(c.code(), c.where());
            assertThat(contract.lint()).as("lint errors of the contract at " + c.where())
                    .noneMatch(f -> f.severity() == LintFinding.Severity.ERROR);
        }));
    }

    private static List<Snippet> readContracts(Path file) {
        try {
            String name = root.relativize(file).toString().replace('\\', '/');
            return DocSnippets.contracts(name, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aBlockThatDoesNotCompileIsReportedAtItsFileAndLine(@TempDir Path classes) {
        String markdown = "# Title\n\nText.\n\n```java\nString s = \"fine\";\nint n = s.lenght();\n```\n\n"
                + "<!-- snippet: members given record Item(String id) {} -->\n```java\n"
                + "Item first(List<Item> items) {\n    return items.get(0).name();\n}\n```\n";
        List<Snippet> parsed = DocSnippets.parse("docs/broken.md", markdown);

        Map<Snippet, List<String>> found = compile(parsed, classes);

        assertThat(parsed).extracting(Snippet::where).containsExactly("docs/broken.md:6", "docs/broken.md:12");
        assertThat(found.get(parsed.get(0))).singleElement().asString()
                .startsWith("docs/broken.md:7: ").contains("lenght");
        assertThat(found.get(parsed.get(1))).singleElement().asString()
                .startsWith("docs/broken.md:13: ").contains("name()");
    }

    @Test
    void directivesChooseTheWrapperAndAnUnknownOneIsAnError(@TempDir Path classes) {
        String markdown = "<!-- snippet: method returns int given String text -->\n```java\nreturn text.length();\n```\n"
                + "<!-- not-compiled: shows a shell session -->\n```java\n$ arbiter demo\n```\n"
                + "```java\nimport java.util.concurrent.atomic.AtomicInteger;   // a comment\n\nAtomicInteger n = new AtomicInteger();\n```\n"
                + "```java\npublic record Pair(int a, int b) {}\n```\n";
        List<Snippet> parsed = DocSnippets.parse("x.md", markdown);

        assertThat(parsed).extracting(Snippet::kind)
                .containsExactly(Kind.METHOD, Kind.NOT_COMPILED, Kind.METHOD, Kind.CLASS);
        assertThat(parsed.get(1).reason()).isEqualTo("shows a shell session");
        assertThat(compile(parsed, classes)).isEmpty();
        assertThatThrownBy(() -> DocSnippets.parse("y.md", "<!-- snippet: fragment -->\n```java\nx();\n```\n"))
                .hasMessageContaining("y.md:3: unknown snippet directive \"fragment\"");
        assertThatThrownBy(() -> DocSnippets.parse("z.md", "<!-- not-compiled: -->\n```java\nx();\n```\n"))
                .hasMessageContaining("z.md:3: a not-compiled block must say why");
        assertThat(DocSnippets.splitDeclarations("Map<String, Integer> m; record R(int a, int b) {}; int n"))
                .containsExactly("Map<String, Integer> m", "record R(int a, int b) {}", "int n");
    }

    /**
     * Compiles the blocks; returns each failing block's errors as "file:line: message". javac stops before
     * attribution when any file has a syntax error, so the blocks that failed are set aside and the rest compiled
     * again, until a run adds no failure.
     */
    private static Map<Snippet, List<String>> compile(List<Snippet> blocks, Path classes) {
        Map<Snippet, List<String>> out = new LinkedHashMap<>();
        List<Snippet> left = blocks.stream().filter(s -> s.kind() != Kind.NOT_COMPILED).collect(Collectors.toList());
        while (!left.isEmpty()) {
            Map<Snippet, List<String>> found = compileOnce(left, classes);
            if (found.isEmpty()) {
                break;
            }
            out.putAll(found);
            left.removeAll(found.keySet());
        }
        return out;
    }

    private static Map<Snippet, List<String>> compileOnce(List<Snippet> blocks, Path classes) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK compiler (the build runs on a JDK)").isNotNull();
        List<SnippetFile> files = blocks.stream().map(SnippetFile::new).collect(Collectors.toList());
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("--release", "17", "-proc:none", "-implicit:none", "-Xmaxerrs", "100000",
                "-encoding", "UTF-8", "-classpath", testClasspath(), "-d", classes.toString());
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            javac.getTask(null, fm, diagnostics, options, null, files).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Snippet, List<String>> out = new LinkedHashMap<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            if (!(d.getSource() instanceof SnippetFile)) {
                throw new AssertionError("compiler error outside the blocks: " + d);
            }
            Snippet s = ((SnippetFile) d.getSource()).snippet;
            long line = s.line() + Math.max(d.getLineNumber(), 1) - 1;
            out.computeIfAbsent(s, k -> new ArrayList<>())
                    .add(s.file() + ":" + line + ": " + d.getMessage(Locale.ROOT).replace('\n', ' '));
        }
        return out;
    }

    /** A block's wrapped source as a compiler input. */
    private static final class SnippetFile extends SimpleJavaFileObject {
        final Snippet snippet;
        final String text;

        SnippetFile(Snippet snippet) {
            super(URI.create("string:///" + snippet.source().packageName().replace('.', '/') + "/"
                    + snippet.source().typeName() + "_L" + snippet.line() + JavaFileObject.Kind.SOURCE.extension),
                    JavaFileObject.Kind.SOURCE);
            this.snippet = snippet;
            this.text = snippet.source().text();
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }

        @Override
        public boolean isNameCompatible(String simpleName, JavaFileObject.Kind kind) {
            // A block may hold several public types; each block's file is its own.
            return kind == JavaFileObject.Kind.SOURCE;
        }
    }

    /** The module's test classpath: surefire's, or the entries of its manifest-only booter jar. */
    private static String testClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        if (surefire != null && !surefire.isBlank()) {
            return surefire;
        }
        String cp = System.getProperty("java.class.path");
        String[] entries = cp.split(File.pathSeparator);
        if (entries.length == 1 && entries[0].endsWith(".jar")) {
            try (JarFile jar = new JarFile(entries[0])) {
                String manifest = jar.getManifest().getMainAttributes().getValue("Class-Path");
                if (manifest != null) {
                    return Stream.of(manifest.trim().split("\\s+"))
                            .map(u -> Path.of(URI.create(u)).toString())
                            .collect(Collectors.joining(File.pathSeparator));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cp;
    }

    /** The folder holding README.md and docs/, searched upwards from the working directory. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a folder with README.md and docs/ above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }
}
