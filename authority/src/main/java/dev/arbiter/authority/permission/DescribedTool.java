package dev.arbiter.authority.permission;

import java.util.Objects;

/** The part {@link Tool#of} and {@link Tool#ofAsync} share: the descriptor, and a name to print. */
abstract class DescribedTool implements Tool {

    private final ToolDescriptor descriptor;

    DescribedTool(ToolDescriptor descriptor) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    }

    @Override
    public final ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public String toString() {
        return "Tool[" + descriptor.name() + "]";
    }
}
