package dev.arbiter.eval.junit;

import java.lang.reflect.Method;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link GoldenSetTest}: resolves {@link GoldenSetRunner} parameters, configured from
 * the annotation and named after the test. Registered by the annotation; stateless and thread-safe.
 */
public final class GoldenSetExtension implements ParameterResolver {

    /** The system property that turns a missing or outdated baseline into one written from this run. */
    public static final String UPDATE_BASELINE = "arbiter.eval.updateBaseline";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == GoldenSetRunner.class;
    }

    @Override
    public GoldenSetRunner resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        GoldenSetTest settings = AnnotationSupport.findAnnotation(method, GoldenSetTest.class).orElseThrow(() ->
                new ParameterResolutionException("GoldenSetRunner parameters need the test method "
                        + method.getName() + " to be annotated @GoldenSetTest"));
        Path reports = Path.of(settings.reports()).resolve(context.getRequiredTestClass().getSimpleName())
                .resolve(method.getName());
        Path baseline = settings.baseline().isBlank() ? null : Path.of(settings.baseline());
        boolean update = Boolean.parseBoolean(System.getProperty(UPDATE_BASELINE, "false"));
        return new GoldenSetRunner(reports, baseline, update, context::publishReportEntry);
    }
}
