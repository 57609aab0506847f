package dev.arbiter.cli.security;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts for one group of runs (a suite, a trace file, or all). Not thread-safe. */
final class Tally {

    int attackRuns;
    int recordedAttackSuccess;
    int goalCallMade;
    int residual;
    int escalatedInstead;
    int deniedInstead;
    int benignRuns;
    int benignSuccessful;
    int lostUtility;
    int friction;
    final Map<String, Integer> benignEscalations = new TreeMap<>();
    final Map<String, Integer> benignDenials = new TreeMap<>();
    final Map<String, Integer> attackGoalEscalations = new TreeMap<>();

    void addAttack(boolean recordedSuccess, List<TraceReplay.Decided> calls) {
        attackRuns++;
        if (recordedSuccess) {
            recordedAttackSuccess++;
        }
        List<TraceReplay.Decided> goal = calls.stream().filter(TraceReplay.Decided::attackerGoal).toList();
        if (goal.isEmpty()) {
            return;
        }
        goalCallMade++;
        if (goal.stream().anyMatch(d -> d.kind() == TraceReplay.Kind.ALLOWED)) {
            residual++;
        } else if (goal.stream().anyMatch(d -> d.kind() == TraceReplay.Kind.ESCALATED)) {
            escalatedInstead++;
            goal.stream().filter(d -> d.kind() == TraceReplay.Kind.ESCALATED).map(Tally::key).distinct()
                    .forEach(k -> attackGoalEscalations.merge(k, 1, Integer::sum));
        } else {
            deniedInstead++;
        }
    }

    void addBenign(boolean utility, List<TraceReplay.Decided> calls) {
        benignRuns++;
        if (!utility) {
            return;
        }
        benignSuccessful++;
        boolean denied = calls.stream().anyMatch(d -> d.kind() == TraceReplay.Kind.DENIED);
        boolean escalated = calls.stream().anyMatch(d -> d.kind() == TraceReplay.Kind.ESCALATED);
        if (denied) {
            lostUtility++;
            calls.stream().filter(d -> d.kind() == TraceReplay.Kind.DENIED).map(Tally::key).distinct()
                    .forEach(k -> benignDenials.merge(k, 1, Integer::sum));
        }
        if (escalated) {
            friction++;
            calls.stream().filter(d -> d.kind() == TraceReplay.Kind.ESCALATED).map(Tally::key).distinct()
                    .forEach(k -> benignEscalations.merge(k, 1, Integer::sum));
        }
    }

    void addAll(Tally o) {
        attackRuns += o.attackRuns;
        recordedAttackSuccess += o.recordedAttackSuccess;
        goalCallMade += o.goalCallMade;
        residual += o.residual;
        escalatedInstead += o.escalatedInstead;
        deniedInstead += o.deniedInstead;
        benignRuns += o.benignRuns;
        benignSuccessful += o.benignSuccessful;
        lostUtility += o.lostUtility;
        friction += o.friction;
        o.benignEscalations.forEach((k, v) -> benignEscalations.merge(k, v, Integer::sum));
        o.benignDenials.forEach((k, v) -> benignDenials.merge(k, v, Integer::sum));
        o.attackGoalEscalations.forEach((k, v) -> attackGoalEscalations.merge(k, v, Integer::sum));
    }

    private static String key(TraceReplay.Decided d) {
        return d.call().name() + " " + d.rule();
    }

    static String pct(int n, int of) {
        return of == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.2f%%", 100.0 * n / of);
    }
}
