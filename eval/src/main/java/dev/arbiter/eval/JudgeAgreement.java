package dev.arbiter.eval;

/**
 * How well an {@link LlmJudge}'s pass/fail verdicts agree with people's on a labelled set: the confusion counts,
 * the raw agreement and Cohen's kappa (agreement beyond chance: 1 perfect, 0 what chance gives, below 0 worse).
 *
 * <p>Kappa is {@code (po - pe) / (1 - pe)} where {@code po} is the raw agreement and {@code pe} the agreement
 * expected by chance from each rater's pass rate. When {@code pe} is 1 (both raters gave one verdict to
 * everything) kappa is undefined and reported as {@code NaN}. Immutable and thread-safe.
 *
 * @param bothPass the judge and the person both passed the output
 * @param judgeOnlyPass the judge passed it, the person failed it
 * @param humanOnlyPass the person passed it, the judge failed it
 * @param bothFail both failed it
 */
public record JudgeAgreement(int bothPass, int judgeOnlyPass, int humanOnlyPass, int bothFail) {

    public JudgeAgreement {
        if (bothPass < 0 || judgeOnlyPass < 0 || humanOnlyPass < 0 || bothFail < 0) {
            throw new IllegalArgumentException("confusion counts must be >= 0");
        }
        if (bothPass + judgeOnlyPass + humanOnlyPass + bothFail == 0) {
            throw new IllegalArgumentException("agreement needs at least one labelled example");
        }
    }

    /** Returns the number of labelled examples. */
    public int examples() {
        return bothPass + judgeOnlyPass + humanOnlyPass + bothFail;
    }

    /** Returns the fraction of examples on which judge and person agree. */
    public double rawAgreement() {
        return (double) (bothPass + bothFail) / examples();
    }

    /** Returns Cohen's kappa, or {@code NaN} when chance agreement is 1. */
    public double kappa() {
        return dev.arbiter.eval.internal.Statistics.cohensKappa(
                new long[][] {{bothPass, judgeOnlyPass}, {humanOnlyPass, bothFail}});
    }
}
