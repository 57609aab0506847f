package dev.arbiter.workflow.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.arbiter.workflow.Checkpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The checkpoint log's lines, {@code crc SP json LF} (the CRC-32C of the JSON's bytes as 8 hex digits), and the key
 * its index finds a checkpoint by: the first 128 bits of SHA-256 over (run id, key).
 */
final class CheckpointLines {

    private static final JsonFactory JSON = new JsonFactory();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    });

    private CheckpointLines() {}

    /** The first 128 bits of SHA-256 over (run id, key). */
    record Id(long high, long low) {}

    /** The checkpoint's line, its line feed included. */
    static byte[] line(Checkpoint c) {
        byte[] json = CheckpointJson.utf8(c, 9); // the JSON after room for the CRC; the line feed added below
        byte[] line = Arrays.copyOf(json, json.length + 1);
        CRC32C crc = new CRC32C();
        crc.update(line, 9, json.length - 9);
        long value = crc.getValue();
        for (int i = 7; i >= 0; i--, value >>>= 4) {
            line[i] = (byte) HEX[(int) (value & 0xf)];
        }
        line[8] = ' ';
        line[line.length - 1] = '\n';
        return line;
    }

    /**
     * The index key of a line without its line feed, read from its {@code runId} and {@code key} members alone (opening
     * reads every line, and need not parse the artifacts); {@code null} if its CRC or JSON does not hold.
     */
    static @Nullable Id indexKey(byte[] line) {
        if (!crcHolds(line)) {
            return null;
        }
        String runId = null;
        String key = null;
        try (JsonParser p = JSON.createParser(line, 9, line.length - 9)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME && (runId == null || key == null)) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("runId".equals(name) && value == JsonToken.VALUE_STRING) {
                    runId = p.getText();
                } else if ("key".equals(name) && value == JsonToken.VALUE_STRING) {
                    key = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return runId == null || key == null ? null : id(runId, key);
    }

    /** The checkpoint of a line without its line feed; {@code null} if its CRC or JSON does not hold. */
    static @Nullable Checkpoint parse(byte[] line) {
        if (!crcHolds(line)) {
            return null;
        }
        try {
            return CheckpointJson.read(new String(line, 9, line.length - 9, StandardCharsets.UTF_8));
        } catch (IllegalStateException unreadable) {
            return null;
        }
    }

    static Id id(String runId, String key) {
        MessageDigest sha = SHA256.get();
        byte[] run = runId.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(0, run.length));
        sha.update(run);
        sha.update(key.getBytes(StandardCharsets.UTF_8));
        ByteBuffer d = ByteBuffer.wrap(sha.digest());
        return new Id(d.getLong(), d.getLong());
    }

    /** Whether a line without its line feed has the form {@code crc SP json} and its CRC holds. */
    private static boolean crcHolds(byte[] line) {
        if (line.length < 10 || line[8] != ' ') {
            return false;
        }
        long claimed;
        try {
            claimed = Long.parseLong(new String(line, 0, 8, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            return false;
        }
        CRC32C crc = new CRC32C();
        crc.update(line, 9, line.length - 9);
        return crc.getValue() == claimed;
    }
}
