package dev.arbiter.eval.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test that runs an eval suite: the method receives a {@link GoldenSetRunner}, runs its suite
 * with it, and fails with the gate's violations and the regressions when the gate fails. The reports (JSON,
 * HTML, JUnit XML, and the comparison when there is a baseline) are written under {@link #reports()}, in a
 * directory named after the test class, the method and the suite.
 *
 * <pre>{@code
 * @GoldenSetTest(baseline = "src/test/resources/eval/invoices-baseline.json")
 * void invoiceExtractionHoldsItsQuality(GoldenSetRunner runner) {
 *     runner.run(harness, suite, Gate.builder().minPassRate("fields", 0.9).build());
 * }
 * }</pre>
 *
 * <p>With a baseline, the run is compared with it and the gate checks regressions too. A baseline that does not
 * exist fails the test, unless the system property {@code arbiter.eval.updateBaseline} is {@code true}: then the
 * run is written as the new baseline (and gated on its own thresholds only).
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Test
@ExtendWith(GoldenSetExtension.class)
public @interface GoldenSetTest {

    /** The directory reports are written under; {@code target/arbiter-eval} by default. */
    String reports() default "target/arbiter-eval";

    /** The baseline scorecard (JSON) to compare with; none by default. */
    String baseline() default "";
}
