package dev.arbiter.core;

/** Which generator classes keep {@link Generator#generateAsync}'s default, which waits on the calling thread. */
final class GeneratorTypes {

    private static final ClassValue<Boolean> WAITS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("generateAsync", GenerationRequest.class).getDeclaringClass() == Generator.class;
            } catch (NoSuchMethodException e) {
                return true;
            }
        }
    };

    private GeneratorTypes() {}

    static boolean waitsOnCaller(Class<?> type) {
        return WAITS.get(type);
    }
}
