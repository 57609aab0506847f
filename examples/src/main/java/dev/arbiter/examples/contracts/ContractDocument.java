package dev.arbiter.examples.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A contract to review: its source id (what the model cites), a title for people, and its text, whose numbered
 * sections ({@code 3.2 The Recipient may ...} at the start of a line) locate each clause. Immutable.
 *
 * @param id the source id
 * @param title the title
 * @param text the full text
 */
public record ContractDocument(String id, String title, String text) {

    private static final Pattern SECTION = Pattern.compile("(?m)^(\\d+(?:\\.\\d+)*)\\.?\\s");

    public ContractDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        if (!id.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("a document id is letters, digits, '.', '_' and '-', was '" + id + "'");
        }
    }

    /** The NDA shipped with the examples. */
    public static ContractDocument nda() {
        return resource("nda", "Mutual NDA, Northwind Analytics / Harbor Logistics", "nda.txt");
    }

    /** The SaaS agreement shipped with the examples. */
    public static ContractDocument saasAgreement() {
        return resource("saas-agreement", "SaaS Agreement, Cloudline Systems / Meridian Health", "saas-agreement.txt");
    }

    /** Reads a contract from this package's resources. */
    public static ContractDocument resource(String id, String title, String name) {
        try (InputStream in = ContractDocument.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name + " beside " + ContractDocument.class.getName());
            }
            return new ContractDocument(id, title, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** Returns the number of the innermost section that contains the character at {@code index}, if any. */
    public Optional<String> sectionAt(int index) {
        String found = null;
        Matcher m = SECTION.matcher(text);
        while (m.find() && m.start() <= index) {
            found = m.group(1);
        }
        return Optional.ofNullable(found);
    }

    /** Returns the section numbers in document order. */
    public List<String> sections() {
        List<String> out = new ArrayList<>();
        Matcher m = SECTION.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
