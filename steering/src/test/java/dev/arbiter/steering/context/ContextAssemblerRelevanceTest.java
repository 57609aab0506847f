package dev.arbiter.steering.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Relevance ranking and semantic duplicates with the real in-process all-MiniLM-L6-v2 model. */
class ContextAssemblerRelevanceTest {

    private static final EmbeddingModel MINI_LM = new AllMiniLmL6V2EmbeddingModel();
    private static final ContextItem HOLIDAYS = ContextItem.untrusted("holidays", "Our office is closed on public holidays.");
    private static final ContextItem PASSWORD = ContextItem.untrusted("password",
            "To reset your password, open Settings, choose Security and click Reset password.");
    private static final ContextItem LUNCH = ContextItem.untrusted("lunch", "The cafeteria serves lunch from noon to two.");

    private final ContextAssembler assembler = ContextAssembler.builder().embeddingModel(MINI_LM).build();

    @Test
    void equalPrioritiesAreOrderedByRelevanceToTheTask() {
        AssembledContext ac = assembler.assemble(ContextQuery.of("How do I change my login password?"),
                List.of(HOLIDAYS, PASSWORD, LUNCH), 2_000);

        assertThat(ac.evidence().sources().get(0).id()).isEqualTo("password");
        assertThat(ac.text().indexOf("source=\"password\"")).isLessThan(ac.text().indexOf("source=\"holidays\""));
        assertThat(ac.manifest().relevance().get("password"))
                .isGreaterThan(ac.manifest().relevance().get("holidays"))
                .isGreaterThan(ac.manifest().relevance().get("lunch"));
    }

    @Test
    void priorityComesBeforeRelevance() {
        AssembledContext ac = assembler.assemble(ContextQuery.of("How do I change my login password?"),
                List.of(HOLIDAYS.withPriority(1), PASSWORD, LUNCH), 2_000);

        assertThat(ac.evidence().sources()).extracting(dev.arbiter.core.Source::id)
                .containsExactly("holidays", "password", "lunch");
    }

    @Test
    void withoutATaskThereIsNoRankingAndTheGivenOrderHolds() {
        AssembledContext ac = assembler.assemble(List.of(HOLIDAYS, PASSWORD, LUNCH), 2_000);

        assertThat(ac.manifest().relevance()).isEmpty();
        assertThat(ac.evidence().sources()).extracting(dev.arbiter.core.Source::id)
                .containsExactly("holidays", "password", "lunch");
    }

    @Test
    void paraphrasesAboveTheSemanticThresholdAreNearDuplicates() {
        ContextAssembler strict = ContextAssembler.builder().embeddingModel(MINI_LM).semanticDuplicateThreshold(0.9).build();
        ContextItem moved = ContextItem.untrusted("moved", "The team meeting is moved to Tuesday at 3 pm.");
        ContextItem paraphrase = ContextItem.untrusted("paraphrase", "The team meeting has been moved to Tuesday, 3pm.");

        AssembledContext ac = strict.assemble(List.of(moved, paraphrase, LUNCH), 2_000);

        Disposition.Dropped dropped = (Disposition.Dropped) ac.manifest().entry("paraphrase").orElseThrow().disposition();
        assertThat(dropped.reason()).isEqualTo(Disposition.Reason.NEAR_DUPLICATE);
        assertThat(dropped.relatedSourceId()).isEqualTo("moved");
        assertThat(dropped.explanation()).contains("embedding similarity");
        assertThat(ac.manifest().entry("lunch").orElseThrow().disposition().isInContext()).isTrue();
    }
}
