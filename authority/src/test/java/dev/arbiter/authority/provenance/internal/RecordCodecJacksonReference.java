package dev.arbiter.authority.provenance.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.arbiter.authority.provenance.ContractRef;
import dev.arbiter.authority.provenance.EvidenceRef;
import dev.arbiter.authority.provenance.ModelCall;
import dev.arbiter.authority.provenance.PermissionSummary;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.VerdictSummary;
import dev.arbiter.core.FailureMode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/** A test oracle: the record writer of {@link RecordCodec} as a plain Jackson generator writes it. */
final class RecordCodecJacksonReference {

    private static final JsonFactory FACTORY = new JsonFactory();

    private RecordCodecJacksonReference() {}

    /**
     * The canonical hashed form through a Jackson generator, with {@code spans} as the generator flushes them: how
     * {@code RecordCodec} wrote records before {@link JsonText}.
     */
    static String write(long index, String prevHash, ProvenanceEntry e, @Nullable String keyId,
            int @Nullable [] spans) {
        StringWriter out = new StringWriter(1_024 + 160 * e.evidence().size());
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            if (e.approver().isPresent()) g.writeStringField("approver", e.approver().get());
            if (e.artifactDigest().isPresent()) g.writeStringField("artifactDigest", e.artifactDigest().get());
            if (e.contract().isPresent()) {
                ContractRef c = e.contract().get();
                g.writeObjectFieldStart("contract");
                g.writeStringField("fingerprint", c.fingerprint());
                g.writeStringField("id", c.id());
                g.writeStringField("version", c.version());
                g.writeEndObject();
            }
            g.writeStringField("decision", e.decision().name());
            if (!e.evidence().isEmpty()) {
                g.writeArrayFieldStart("evidence");
                for (EvidenceRef r : e.evidence()) {
                    g.writeStartObject();
                    g.writeStringField("digest", r.digest());
                    g.writeStringField("sourceId", r.sourceId());
                    g.writeStringField("trust", r.trust().name());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeFieldName("index");
            mark(g, out, spans, 0);
            g.writeNumber(index);
            mark(g, out, spans, 1);
            if (keyId != null) g.writeStringField("keyId", keyId);
            if (e.model().isPresent()) {
                ModelCall m = e.model().get();
                g.writeObjectFieldStart("model");
                if (m.content().isPresent()) g.writeStringField("content", m.content().get());
                if (m.generationDigest().isPresent()) g.writeStringField("generationDigest", m.generationDigest().get());
                g.writeStringField("id", m.modelId());
                g.writeStringField("requestDigest", m.requestDigest());
                g.writeEndObject();
            }
            if (e.note().isPresent()) g.writeStringField("note", e.note().get());
            if (!e.permissions().isEmpty()) {
                g.writeArrayFieldStart("permissions");
                for (PermissionSummary p : e.permissions()) {
                    g.writeStartObject();
                    g.writeStringField("callDigest", p.callDigest());
                    g.writeStringField("decision", p.decision().name());
                    g.writeStringField("reason", p.reason());
                    g.writeStringField("rule", p.rule());
                    g.writeStringField("toolName", p.toolName());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeFieldName("prevHash");
            mark(g, out, spans, 2);
            g.writeString(prevHash);
            mark(g, out, spans, 3);
            g.writeStringField("runId", e.runId());
            g.writeStringField("step", e.step());
            g.writeStringField("time", IsoInstant.format(e.time()));
            g.writeNumberField("v", RecordCodec.VERSION);
            if (!e.verdicts().isEmpty()) {
                g.writeArrayFieldStart("verdicts");
                for (VerdictSummary v : e.verdicts()) {
                    g.writeStartObject();
                    g.writeArrayFieldStart("failureModes");
                    for (FailureMode mode : v.failureModes()) {
                        g.writeString(mode.name());
                    }
                    g.writeEndArray();
                    g.writeArrayFieldStart("findings");
                    for (String finding : v.findings()) {
                        g.writeString(finding);
                    }
                    g.writeEndArray();
                    g.writeStringField("outcome", v.outcome().name());
                    g.writeStringField("verifierId", v.verifierId());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write a provenance record", ex);
        }
        return out.toString();
    }

    /** With spans, flushes the generator and records the length written so far (the value's ':' comes next). */
    private static void mark(JsonGenerator g, StringWriter out, int @Nullable [] spans, int at) throws IOException {
        if (spans != null) {
            g.flush();
            spans[at] = out.getBuffer().length();
        }
    }
}
