package dev.arbiter.steering.context.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.steering.context.Disposition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PackerRenderTest {

    private static final String[] CONTENTS = {"", "plain ASCII text", "Zoë’s café — déjà vu", "line one\nline two\n",
        "emoji \uD83D\uDE00 and a lone \uD800 surrogate", "x".repeat(5_000), "\u00e9".repeat(300)};
    private static final String[] NOTES = {"", "cut to 12 of 40 sentences", "note with \"quotes\" and ]"};

    /** The rendering as the blocks' own texts joined: standing instruction, then each block, blank-line separated. */
    private static String joined(List<Packer.Block> blocks, String boundary) {
        List<String> parts = new ArrayList<>();
        if (blocks.stream().anyMatch(Packer.Block::fenced)) {
            parts.add(Fences.header(boundary));
        }
        for (Packer.Block b : blocks) {
            parts.add(b.fenced() ? Fences.fenced(b.renderId(), boundary, b.note(), b.content())
                    : Fences.trusted(b.renderId(), b.note(), b.content()));
        }
        return String.join(Packer.SEPARATOR, parts);
    }

    @Test
    void rendersExactlyTheBlocksJoined() {
        Random random = new Random(9);
        String boundary = Fences.newBoundary(random);
        for (int run = 0; run < 2_000; run++) {
            int n = random.nextInt(6);
            boolean anyFenced = random.nextInt(4) != 0;
            List<Packer.Block> blocks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String content = CONTENTS[random.nextInt(CONTENTS.length)];
                String note = NOTES[random.nextInt(NOTES.length)];
                boolean fenced = anyFenced && random.nextBoolean();
                blocks.add(new Packer.Block(null, "src-" + i + (i % 3 == 0 ? "<ü>" : ""), note, content, "d", fenced,
                        new Disposition.Included(), 0, 0));
            }
            String rendered = Packer.render(blocks, boundary);
            assertThat(rendered).isEqualTo(joined(blocks, boundary));
        }
    }

    @Test
    void rendersNothingForNoBlocks() {
        assertThat(Packer.render(List.of(), "b")).isEmpty();
    }
}
