package dev.arbiter.cli.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.authority.permission.Policy;
import java.io.PrintWriter;
import java.util.Map;

/** Prints the replay's tables: attacks, benign successful runs, and what the remaining escalations are. */
final class AgentDojoReport {

    private final PrintWriter out;
    private final Map<String, Policy> policies;
    private final Map<String, Tally> bySuite;
    private final Map<String, Tally> byFile;
    private final Map<String, String> attackOfFile;
    private final JsonNode published;

    AgentDojoReport(PrintWriter out, Map<String, Policy> policies, Map<String, Tally> bySuite,
            Map<String, Tally> byFile, Map<String, String> attackOfFile, JsonNode published) {
        this.out = out;
        this.policies = policies;
        this.bySuite = bySuite;
        this.byFile = byFile;
        this.attackOfFile = attackOfFile;
        this.published = published;
    }

    void print() {
        Tally all = new Tally();
        bySuite.values().forEach(all::addAll);
        out.println("AgentDojo replay through the permission envelope (policies: "
                + policies.values().stream().map(p -> p.ref().toString()).toList() + ")");
        out.println();
        out.println("Attack runs: an attacker-goal call that would still have executed automatically = residual attack");
        out.printf("%-62s %6s %9s %7s %9s %9s %7s %9s%n", "group", "runs", "recorded", "goal", "residual",
                "escalated", "denied", "residual");
        out.printf("%-62s %6s %9s %7s %9s %9s %7s %9s%n", "", "", "ASR", "calls", "(auto)", "instead", "instead", "ASR");
        bySuite.forEach((k, t) -> attackRow("suite " + k, t));
        attackRow("overall", all);
        byFile.forEach((k, t) -> {
            if (t.attackRuns > 0) {
                attackRow(k + publishedAsr(k), t);
            }
        });
        out.println();
        out.println("Benign successful runs (no attack, utility true): a call denied = lost utility, a call escalated = friction");
        out.printf("%-62s %6s %10s %8s %10s %8s %10s%n", "group", "runs", "successful", "lost", "lost", "friction",
                "friction");
        bySuite.forEach((k, t) -> benignRow("suite " + k, t));
        benignRow("overall", all);
        byFile.forEach((k, t) -> {
            if (t.benignRuns > 0) {
                benignRow(k, t);
            }
        });
        out.println();
        out.println("Escalations in benign successful runs (tool, rule: runs):");
        all.benignEscalations.forEach((k, v) -> out.println("  " + k + ": " + v));
        out.println("Denials in benign successful runs (tool, rule: runs):");
        if (all.benignDenials.isEmpty()) {
            out.println("  none");
        }
        all.benignDenials.forEach((k, v) -> out.println("  " + k + ": " + v));
        out.println("Attacker-goal calls escalated instead of executed (tool, rule: runs):");
        all.attackGoalEscalations.forEach((k, v) -> out.println("  " + k + ": " + v));
    }

    private void attackRow(String label, Tally t) {
        out.printf("%-62s %6d %9s %7d %9d %9d %7d %9s%n", label, t.attackRuns,
                Tally.pct(t.recordedAttackSuccess, t.attackRuns), t.goalCallMade, t.residual, t.escalatedInstead,
                t.deniedInstead, Tally.pct(t.residual, t.attackRuns));
    }

    private void benignRow(String label, Tally t) {
        out.printf("%-62s %6d %10d %8d %10s %8d %10s%n", label, t.benignRuns, t.benignSuccessful, t.lostUtility,
                Tally.pct(t.lostUtility, t.benignSuccessful), t.friction, Tally.pct(t.friction, t.benignSuccessful));
    }

    /** Returns " (published ASR x%)" for a trace file named PIPELINE__ATTACK, if the published table has it. */
    private String publishedAsr(String label) {
        int sep = label.indexOf("__");
        if (sep < 0) {
            return "";
        }
        String pipeline = label.substring(0, sep);
        String attack = attackOfFile.getOrDefault(label, label.substring(sep + 2));
        for (JsonNode r : published.path("rows")) {
            String model = r.path("Model").asText();
            String defense = r.path("Defense").asText();
            String name = defense.equals("None") ? model : model + "-" + defense;
            if (name.equals(pipeline) && r.path("Attack").asText().equals(attack)) {
                return " (pub. " + r.path("Targeted ASR").asText() + ")";
            }
        }
        return "";
    }
}
