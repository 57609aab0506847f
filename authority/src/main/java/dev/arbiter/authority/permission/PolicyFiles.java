package dev.arbiter.authority.permission;

import dev.arbiter.authority.permission.internal.PolicyReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads {@link Policy policies} from YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}) files.
 *
 * <p>The format (YAML shown; JSON is the same tree):
 * <pre>{@code
 * id: payments            # required
 * version: "3"            # required
 * registries:             # application registries the grants rely on: name and description
 *   payees: Recipients the account holder has paid before, from the payments database.
 * tools:
 *   send_money:
 *     side_effect: irreversible        # read | write | irreversible; required
 *     sensitive: [recipient]           # values subject to value provenance
 *     free_text: [subject]             # links, e-mails and IBANs inside are checked too
 *     output: untrusted                # trusted | untrusted (default untrusted)
 *     grant:                           # or "grant: none": known but never allowed
 *       untrusted_values: approve      # deny (default) | approve
 *       approval: false                # true: every call needs a person
 *       max_calls_per_run: 5           # 0 or absent: no limit
 *       schema: {properties: {amount: {maximum: 10000}}}
 *       allow: {recipient: [...]}      # only these values; they count as trusted
 *       deny: {recipient: [...]}
 *       limits: {amount: {min: 0, max: 2000, on_breach: approve}}
 *       registered: {recipient: payees} # values in this registry count as trusted
 * }</pre>
 * Unknown keys, wrong types, unknown enum values and duplicate keys fail with the file, the line and the reason
 * ({@link PolicyFormatException}). Stateless and thread-safe.
 */
public final class PolicyFiles {

    private PolicyFiles() {}

    /**
     * Reads a policy file; the format follows the extension.
     *
     * @throws PolicyFormatException if the file is not a valid policy (with its line)
     * @throws java.io.UncheckedIOException if it cannot be read
     */
    public static Policy read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read policy file " + file, e);
        }
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return parse(text, file.toString(), name.endsWith(".json") ? Format.JSON : Format.YAML);
    }

    /** The two formats a policy may be written in. */
    public enum Format { YAML, JSON }

    /**
     * Parses policy text.
     *
     * @param source the name errors give (a file name)
     * @throws PolicyFormatException if the text is not a valid policy
     */
    public static Policy parse(String text, String source, Format format) {
        return PolicyReader.read(text, source, format == Format.JSON);
    }
}
