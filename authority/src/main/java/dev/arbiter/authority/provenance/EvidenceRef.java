package dev.arbiter.authority.provenance;

import dev.arbiter.authority.provenance.internal.Checks;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.Source;
import dev.arbiter.core.Trust;
import java.util.List;
import java.util.Objects;

/**
 * One source a decision was made with, as a provenance record names it: its id, the digest of its content and
 * whether the application vouched for it. The content itself is not recorded; the digest proves which content
 * it was.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sourceId the source's id within its {@link Evidence}; not blank
 * @param digest the SHA-256 of the source's content, lower-case hex
 * @param trust whether the application vouched for it
 */
public record EvidenceRef(String sourceId, String digest, Trust trust) {

    public EvidenceRef {
        Checks.notBlank(sourceId, "evidence sourceId");
        if (digest == null || !Checks.isSha256Hex(digest)) { // the message is built only when it is needed
            Checks.sha256Hex(digest, "digest of evidence '" + sourceId + "'");
        }
        Objects.requireNonNull(trust, "trust");
    }

    /** Returns the references of every source of the evidence, in its order. */
    public static List<EvidenceRef> of(Evidence evidence) {
        List<Source> sources = evidence.sources();
        EvidenceRef[] refs = new EvidenceRef[sources.size()];
        for (int i = 0; i < refs.length; i++) {
            Source s = sources.get(i);
            refs[i] = new EvidenceRef(s.id(), s.digest(), s.trust());
        }
        return List.of(refs);
    }
}
