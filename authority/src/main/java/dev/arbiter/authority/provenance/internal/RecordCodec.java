package dev.arbiter.authority.provenance.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.authority.provenance.ContractRef;
import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.EvidenceRef;
import dev.arbiter.authority.provenance.ModelCall;
import dev.arbiter.authority.provenance.PermissionSummary;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.VerdictSummary;
import dev.arbiter.core.CanonicalJson;
import dev.arbiter.core.Digests;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Trust;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The canonical JSON form of provenance records (documented in docs/provenance.md): writing, strict reading and
 * hashing. Thread-safe.
 */
public final class RecordCodec {

    /** The format version written in member {@code v}. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<String> RECORD_MEMBERS = Set.of("v", "index", "prevHash", "keyId", "hash", "signature",
            "runId", "step", "decision", "time", "contract", "evidence", "model", "artifactDigest", "verdicts",
            "permissions", "approver", "note");

    private RecordCodec() {}

    /** The parts of one stored line. */
    public record Parts(long index, String prevHash, @Nullable String keyId, String hash, @Nullable String signature,
            ProvenanceEntry entry, String computedHash) {}

    /** Returns the members the record hash covers: everything but {@code hash} and {@code signature}. */
    public static ObjectNode hashedJson(long index, String prevHash, ProvenanceEntry e, @Nullable String keyId) {
        ObjectNode o = F.objectNode();
        o.put("v", VERSION).put("index", index).put("prevHash", prevHash);
        if (keyId != null) o.put("keyId", keyId);
        o.put("runId", e.runId()).put("step", e.step()).put("decision", e.decision().name())
                .put("time", e.time().toString());
        e.contract().ifPresent(c -> o.putObject("contract")
                .put("id", c.id()).put("version", c.version()).put("fingerprint", c.fingerprint()));
        if (!e.evidence().isEmpty()) {
            ArrayNode a = o.putArray("evidence");
            e.evidence().forEach(r -> a.addObject()
                    .put("sourceId", r.sourceId()).put("digest", r.digest()).put("trust", r.trust().name()));
        }
        e.model().ifPresent(m -> {
            ObjectNode mo = o.putObject("model").put("id", m.modelId()).put("requestDigest", m.requestDigest());
            m.generationDigest().ifPresent(d -> mo.put("generationDigest", d));
            m.content().ifPresent(c -> mo.put("content", c));
        });
        e.artifactDigest().ifPresent(d -> o.put("artifactDigest", d));
        if (!e.verdicts().isEmpty()) {
            ArrayNode a = o.putArray("verdicts");
            e.verdicts().forEach(v -> verdictToJson(v, a.addObject()));
        }
        if (!e.permissions().isEmpty()) {
            ArrayNode a = o.putArray("permissions");
            e.permissions().forEach(p -> a.addObject().put("toolName", p.toolName()).put("callDigest", p.callDigest())
                    .put("decision", p.decision().name()).put("rule", p.rule()).put("reason", p.reason()));
        }
        e.approver().ifPresent(a -> o.put("approver", a));
        e.note().ifPresent(n -> o.put("note", n));
        return o;
    }

    /**
     * Returns {@code CanonicalJson.write(hashedJson(index, prevHash, e, keyId))} without building the tree: the members
     * are written straight in their canonical order (by name, UTF-16 code units), through a generator of the same
     * settings. {@code RecordCodecTest} checks that both give the same text.
     */
    public static String canonicalHashed(long index, String prevHash, ProvenanceEntry e, @Nullable String keyId) {
        return write(index, prevHash, e, keyId, null);
    }

    /**
     * Returns the canonical form of the hashed members of a record of this entry at any place in a chain: the text
     * of {@link #canonicalHashed} with the spans of {@code index} and {@code prevHash} marked, so a store can write
     * the entry outside its lock and only fill in the chain link inside ({@code RecordCodecTest} checks that a
     * filled template equals {@link #canonicalHashed}).
     */
    public static Template template(ProvenanceEntry e, @Nullable String keyId) {
        int[] spans = new int[4];
        String text = write(0, ZERO_HASH, e, keyId, spans);
        return new Template(text, spans[0], spans[1], spans[2], spans[3]);
    }

    private static final String ZERO_HASH = "0".repeat(64);

    /** The template's text with its spans written into {@code spans} (tests compare them with the generator's). */
    static String writeForTest(ProvenanceEntry e, @Nullable String keyId, int[] spans) {
        return write(0, ZERO_HASH, e, keyId, spans);
    }

    /** {@link #canonicalHashed} with the index and previous hash left to fill in. Immutable. */
    public static final class Template {
        private final String text;
        private final int indexStart;
        private final int indexEnd;
        private final int prevStart;
        private final int prevEnd;

        private Template(String text, int indexStart, int indexEnd, int prevStart, int prevEnd) {
            this.text = text;
            this.indexStart = indexStart;
            this.indexEnd = indexEnd;
            this.prevStart = prevStart;
            this.prevEnd = prevEnd;
        }

        /** Returns {@code canonicalHashed(index, prevHash, entry, keyId)} for this template's entry and key id. */
        public String fill(long index, String prevHash) {
            StringBuilder sb = new StringBuilder(text.length() + 24);
            return sb.append(text, 0, indexStart).append(':').append(index)
                    .append(text, indexEnd, prevStart).append(":\"").append(prevHash).append('"')
                    .append(text, prevEnd, text.length()).toString();
        }
    }

    /**
     * Writes the canonical hashed form; with {@code spans}, records where the index and prevHash values are. The
     * members are appended in their canonical order into one builder, strings escaped as Jackson's generator escapes
     * them ({@link JsonText}); {@code RecordCodecTest} checks that this equals a Jackson generator's output
     * ({@code RecordCodecJacksonReference}) and the tree's canonical form.
     */
    private static String write(long index, String prevHash, ProvenanceEntry e, @Nullable String keyId,
            int @Nullable [] spans) {
        StringBuilder out = new StringBuilder(512 + 160 * e.evidence().size());
        out.append('{');
        JsonText.Members m = new JsonText.Members(out);
        if (e.approver().isPresent()) m.string("approver", e.approver().get());
        if (e.artifactDigest().isPresent()) m.plain("artifactDigest", e.artifactDigest().get());
        if (e.contract().isPresent()) {
            m.name("contract");
            object(out, e.contract().get(), RecordCodec::writeContract);
        }
        m.plain("decision", e.decision().name());
        if (!e.evidence().isEmpty()) {
            m.name("evidence");
            objects(out, e.evidence(), RecordCodec::writeEvidence);
        }
        m.name("index");
        if (spans != null) spans[0] = out.length() - 1; // at the ':' the value follows, as the generator's flush gave
        out.append(index);
        if (spans != null) spans[1] = out.length();
        if (keyId != null) m.string("keyId", keyId);
        if (e.model().isPresent()) {
            m.name("model");
            object(out, e.model().get(), RecordCodec::writeModel);
        }
        if (e.note().isPresent()) m.string("note", e.note().get());
        if (!e.permissions().isEmpty()) {
            m.name("permissions");
            objects(out, e.permissions(), RecordCodec::writePermission);
        }
        m.name("prevHash");
        if (spans != null) spans[2] = out.length() - 1;
        if (Checks.isSha256Hex(prevHash)) {
            out.append('"').append(prevHash).append('"'); // nothing to escape
        } else {
            JsonText.string(out, prevHash);
        }
        if (spans != null) spans[3] = out.length();
        m.string("runId", e.runId());
        m.string("step", e.step());
        m.plain("time", IsoInstant.format(e.time()));
        m.name("v");
        out.append(VERSION);
        if (!e.verdicts().isEmpty()) {
            m.name("verdicts");
            objects(out, e.verdicts(), RecordCodec::writeVerdict);
        }
        out.append('}');
        return out.toString();
    }

    /** Writes one object: its members, in canonical order, by {@code members}. */
    private static <T> void object(StringBuilder out, T value, BiConsumer<JsonText.Members, T> members) {
        out.append('{');
        members.accept(new JsonText.Members(out), value);
        out.append('}');
    }

    /** Writes an array of objects, each by {@code members}. */
    private static <T> void objects(StringBuilder out, List<T> values, BiConsumer<JsonText.Members, T> members) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) out.append(',');
            object(out, values.get(i), members);
        }
        out.append(']');
    }

    private static void writeContract(JsonText.Members m, ContractRef c) {
        m.string("fingerprint", c.fingerprint());
        m.string("id", c.id());
        m.string("version", c.version());
    }

    private static void writeEvidence(JsonText.Members m, EvidenceRef r) {
        m.plain("digest", r.digest());
        m.string("sourceId", r.sourceId());
        m.plain("trust", r.trust().name());
    }

    private static void writeModel(JsonText.Members m, ModelCall mc) {
        if (mc.content().isPresent()) m.string("content", mc.content().get());
        if (mc.generationDigest().isPresent()) m.plain("generationDigest", mc.generationDigest().get());
        m.string("id", mc.modelId());
        m.plain("requestDigest", mc.requestDigest());
    }

    private static void writePermission(JsonText.Members m, PermissionSummary p) {
        m.plain("callDigest", p.callDigest());
        m.plain("decision", p.decision().name());
        m.string("reason", p.reason());
        m.string("rule", p.rule());
        m.string("toolName", p.toolName());
    }

    private static void writeVerdict(JsonText.Members m, VerdictSummary v) {
        StringBuilder out = m.out();
        m.name("failureModes");
        out.append('[');
        for (int i = 0; i < v.failureModes().size(); i++) {
            if (i > 0) out.append(',');
            out.append('"').append(v.failureModes().get(i).name()).append('"');
        }
        out.append(']');
        m.name("findings");
        out.append('[');
        for (int i = 0; i < v.findings().size(); i++) {
            if (i > 0) out.append(',');
            JsonText.string(out, v.findings().get(i));
        }
        out.append(']');
        m.plain("outcome", v.outcome().name());
        m.string("verifierId", v.verifierId());
    }

    private static void verdictToJson(VerdictSummary v, ObjectNode o) {
        o.put("verifierId", v.verifierId()).put("outcome", v.outcome().name());
        ArrayNode modes = o.putArray("failureModes");
        v.failureModes().forEach(m -> modes.add(m.name()));
        ArrayNode findings = o.putArray("findings");
        v.findings().forEach(findings::add);
    }

    /** Returns the SHA-256 of the canonical form of the hashed members. */
    public static String hashOf(ObjectNode hashed) {
        return Digests.sha256Hex(CanonicalJson.write(hashed));
    }

    /**
     * Returns the stored line from the canonical form of the hashed members, without writing it again: the members
     * are sorted, so {@code hash} goes right before the top-level {@code index} (which follows {@code decision}, so
     * it is never first, and no nested object has such a key; inside strings every quote is escaped, so
     * {@code ,"index":} occurs only there) and {@code signature} right before the top-level {@code step}. Hex and
     * base64 need no escaping. Falls back to {@link #line(ObjectNode, String, String)} if the form is not as
     * expected.
     */
    public static String line(String canonicalHashed, Supplier<ObjectNode> hashed, String hash,
            @Nullable String signature) {
        int at = canonicalHashed.indexOf(",\"index\":");
        if (at < 0 || canonicalHashed.indexOf(",\"index\":", at + 1) >= 0) {
            return line(hashed.get(), hash, signature);
        }
        StringBuilder sb = new StringBuilder(canonicalHashed.length() + 80 + (signature == null ? 0 : 120));
        sb.append(canonicalHashed, 0, at).append(",\"hash\":\"").append(hash).append('"');
        if (signature == null) {
            return sb.append(canonicalHashed, at, canonicalHashed.length()).toString();
        }
        int step = canonicalHashed.indexOf(",\"step\":");
        if (step < at || canonicalHashed.indexOf(",\"step\":", step + 1) >= 0) {
            return line(hashed.get(), hash, signature);
        }
        return sb.append(canonicalHashed, at, step).append(",\"signature\":\"").append(signature).append('"')
                .append(canonicalHashed, step, canonicalHashed.length()).toString();
    }

    /** Returns the stored line: the canonical form of the hashed members plus hash and signature. */
    public static String line(ObjectNode hashed, String hash, @Nullable String signature) {
        ObjectNode full = hashed.deepCopy().put("hash", hash);
        if (signature != null) full.put("signature", signature);
        return CanonicalJson.write(full);
    }

    /**
     * Reads one stored line strictly.
     *
     * @throws IllegalArgumentException naming the member when the line is not a record of this format
     */
    public static Parts parse(String line) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        ObjectNode o = (ObjectNode) node;
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!RECORD_MEMBERS.contains(name)) throw new IllegalArgumentException("unknown member '" + name + "'");
        }
        long v = integral(o, "v");
        if (v != VERSION) throw new IllegalArgumentException("unsupported record format v=" + v);
        ObjectNode hashed = o.deepCopy();
        hashed.remove("hash");
        hashed.remove("signature");
        long index = integral(o, "index");
        if (index < 0) throw new IllegalArgumentException("negative index " + index);
        return new Parts(index, digest(o, "prevHash"), optText(o, "keyId"), digest(o, "hash"),
                optText(o, "signature"), entryFromJson(o), hashOf(hashed));
    }

    /**
     * Returns the index a stored line claims, read with the streaming parser without building or hashing the
     * record; -1 when the line is not an object with an integral top-level {@code index}.
     */
    public static long claimedIndex(String line) {
        try (JsonParser p = MAPPER.getFactory().createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("index".equals(name)) {
                    return value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                }
                p.skipChildren();
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static ProvenanceEntry entryFromJson(JsonNode o) {
        ProvenanceEntry.Builder b = ProvenanceEntry.builder(text(o, "runId"), text(o, "step"),
                enumValue(Decision.class, text(o, "decision"), "decision"));
        try {
            b.time(Instant.parse(text(o, "time")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("member 'time' is not an ISO-8601 instant: " + o.get("time"), e);
        }
        JsonNode c = o.get("contract");
        if (c != null) b.contract(ContractRef.of(text(c, "id"), text(c, "version"), text(c, "fingerprint")));
        List<EvidenceRef> evidence = new ArrayList<>();
        for (JsonNode r : array(o, "evidence")) {
            evidence.add(new EvidenceRef(text(r, "sourceId"), text(r, "digest"),
                    enumValue(Trust.class, text(r, "trust"), "trust")));
        }
        b.evidence(evidence).model(modelFromJson(o.get("model"))).artifactDigest(optText(o, "artifactDigest"));
        List<VerdictSummary> verdicts = new ArrayList<>();
        for (JsonNode v : array(o, "verdicts")) {
            verdicts.add(verdictFromJson(v));
        }
        List<PermissionSummary> permissions = new ArrayList<>();
        for (JsonNode p : array(o, "permissions")) {
            permissions.add(new PermissionSummary(text(p, "toolName"), text(p, "callDigest"),
                    enumValue(PermissionSummary.Outcome.class, text(p, "decision"), "permission decision"),
                    text(p, "rule"), text(p, "reason")));
        }
        return b.verdicts(verdicts).permissions(permissions).approver(optText(o, "approver"))
                .note(optText(o, "note")).build();
    }

    private static @Nullable ModelCall modelFromJson(@Nullable JsonNode m) {
        if (m == null) return null;
        String generationDigest = optText(m, "generationDigest");
        String content = optText(m, "content");
        if (generationDigest == null) {
            if (content != null) throw new IllegalArgumentException("model content without a generationDigest");
            return ModelCall.of(text(m, "id"), text(m, "requestDigest"));
        }
        ModelCall call = ModelCall.of(text(m, "id"), text(m, "requestDigest"), generationDigest);
        return content == null ? call : call.withContent(content);
    }

    private static VerdictSummary verdictFromJson(JsonNode v) {
        List<FailureMode> modes = new ArrayList<>();
        for (JsonNode m : array(v, "failureModes")) {
            modes.add(enumValue(FailureMode.class, textValue(m, "failureModes"), "failure mode"));
        }
        List<String> findings = new ArrayList<>();
        for (JsonNode f : array(v, "findings")) {
            findings.add(textValue(f, "findings"));
        }
        return new VerdictSummary(text(v, "verifierId"),
                enumValue(VerdictSummary.Outcome.class, text(v, "outcome"), "verdict outcome"), modes, findings);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String what) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown " + what + " '" + name + "'", e);
        }
    }

    private static String text(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null) throw new IllegalArgumentException("missing member '" + name + "'");
        return textValue(v, name);
    }

    private static String textValue(JsonNode v, String name) {
        if (!v.isTextual()) throw new IllegalArgumentException("member '" + name + "' must be a string, was " + v.getNodeType());
        return v.textValue();
    }

    private static @Nullable String optText(JsonNode o, String name) {
        JsonNode v = o.get(name);
        return v == null ? null : textValue(v, name);
    }

    private static String digest(JsonNode o, String name) {
        return Checks.sha256Hex(text(o, name), "member '" + name + "'");
    }

    private static long integral(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null) throw new IllegalArgumentException("missing member '" + name + "'");
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("member '" + name + "' must be an integer, was " + v);
        }
        return v.longValue();
    }

    private static Iterable<JsonNode> array(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null) return List.of();
        if (!v.isArray()) throw new IllegalArgumentException("member '" + name + "' must be an array, was " + v.getNodeType());
        return v;
    }
}
