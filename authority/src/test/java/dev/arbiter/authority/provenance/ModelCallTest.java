package dev.arbiter.authority.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.CanonicalJson;
import dev.arbiter.core.Digests;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.JsonCodec;
import dev.arbiter.core.Message;
import org.junit.jupiter.api.Test;

class ModelCallTest {

    @Test
    void aCallNamesTheRequestAndGenerationByTheirDigests() {
        GenerationRequest request = GenerationRequest.of(Message.user("Summarize the claim."));
        Generation generation = Generation.builder().text("A summary.").modelId("m-1").build();

        ModelCall call = ModelCall.of(request, generation);

        assertThat(call.modelId()).isEqualTo("m-1");
        assertThat(call.requestDigest()).isEqualTo(request.digest());
        assertThat(call.generationDigest()).contains(
                Digests.sha256Hex(CanonicalJson.write(JsonCodec.generationToJson(generation))));
        assertThat(call.content()).isEmpty();
        assertThat(call.withContent("A summary.").content()).contains("A summary.");
    }

    @Test
    void aCallWithoutAGenerationCannotKeepContent() {
        ModelCall failed = ModelCall.of("m-1", "ab".repeat(32));

        assertThat(failed.generationDigest()).isEmpty();
        assertThatThrownBy(() -> failed.withContent("x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void digestsMustBeSha256Hex() {
        assertThatThrownBy(() -> ModelCall.of("m", "not-a-digest")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requestDigest");
    }
}
