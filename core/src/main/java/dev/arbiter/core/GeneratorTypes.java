package dev.arbiter.core;

import java.util.function.Predicate;

/** Which generator classes keep {@link Generator#generateAsync}'s default, which waits on the calling thread. */
final class GeneratorTypes {

    static final Predicate<Object> KEEPS_GENERATE_ASYNC = BlockingWork.keepsDefault(Generator.class, "generateAsync",
            GenerationRequest.class);

    private GeneratorTypes() {}
}
