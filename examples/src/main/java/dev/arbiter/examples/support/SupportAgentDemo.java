package dev.arbiter.examples.support;

import dev.arbiter.authority.permission.Approval;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.PermissionSummary;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.workflow.Outcome;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The support agent example as a person watches it: the injected ticket, then the refund that needs approval
 * across a restart of the agent, printed with what the ledger recorded. Used by {@link SupportAgent#main}.
 * Not thread-safe; run it once per data folder.
 */
public final class SupportAgentDemo {

    /** Who approves the large refund in the demo, and why. */
    static final String APPROVER = "maria.keller";
    static final String APPROVAL_REASON = "DHL confirmed the locker compartment was empty";

    private SupportAgentDemo() {}

    /**
     * Runs both tickets over a new sample shop with the scripted model, keeping state in {@code dir}.
     *
     * @throws IllegalArgumentException if the folder holds an earlier run
     */
    public static void run(Path dir, PrintStream out) {
        if (Files.exists(dir.resolve("ledger.jsonl"))) {
            throw new IllegalArgumentException("the demo starts from an empty shop; give it a new data folder, not "
                    + dir + ", which holds an earlier run");
        }
        ShopBackend shop = ShopBackend.sample();
        Clock clock = Clock.systemUTC();
        out.println("Arbiter support agent: the model proposes, the policy decides.");
        out.println("Model: hand-written script (" + ScriptedSupportModel.MODEL_ID + " style), no key, no network.");
        out.println("Policy: " + SupportAgent.POLICY_RESOURCE + "; data: " + dir.toAbsolutePath());

        Ticket kettle = Ticket.CRACKED_KETTLE;
        Ticket headphones = Ticket.MISSING_HEADPHONES;
        try (SupportAgent agent = SupportAgent.open(dir, shop, ScriptedSupportModel.create(), clock)) {
            header(out, kettle, "its last line is an instruction injected for the agent");
            long from = agent.ledger().size();
            Outcome<Resolution> outcome = agent.handle(kettle);
            printRecords(out, agent.ledger().read(from, agent.ledger().size()));
            printOutcome(out, outcome);

            header(out, headphones, "129.00 EUR is above the automatic refund limit of 50.00");
            from = agent.ledger().size();
            outcome = agent.handle(headphones);
            printRecords(out, agent.ledger().read(from, agent.ledger().size()));
            printOutcome(out, outcome);
            for (Approval a : agent.approvals().pending()) {
                out.println("  waiting in the approval queue: " + a.id() + " " + a.request().canonicalCall());
            }
        }

        out.println();
        out.println("-- the agent stops; a new one opens over the same H2 file and ledger --");
        try (SupportAgent agent = SupportAgent.open(dir, shop, ScriptedSupportModel.create(), clock)) {
            Approval pending = agent.approvals().pending().get(0);
            agent.approvals().approve(pending.id(), APPROVER, APPROVAL_REASON);
            out.println(APPROVER + " approves " + pending.id() + ": " + APPROVAL_REASON);
            out.println("handling " + headphones.id() + " again resumes run " + SupportAgent.runId(headphones) + ":");
            long from = agent.ledger().size();
            Outcome<Resolution> outcome = agent.handle(headphones);
            printRecords(out, agent.ledger().read(from, agent.ledger().size()));
            printOutcome(out, outcome);

            out.println();
            out.println("What the shop did:");
            shop.refunds().forEach(r -> out.println("  refund " + r.id() + ": " + r.amount() + " EUR on " + r.orderId()));
            shop.outbox().forEach(m -> out.println("  e-mail " + m.id() + " to " + m.to() + ": " + m.subject()));
            LedgerVerification v = agent.ledger().verify();
            out.println("Ledger: " + agent.ledger().size() + " records, chain " + (v.isValid() ? "intact" : v)
                    + ", " + dir.resolve("ledger.jsonl").toAbsolutePath());
            out.println("Chain of custody of one ticket: arbiter ledger explain " + dir.resolve("ledger.jsonl")
                    + " " + SupportAgent.runId(headphones));
        }
    }

    private static void header(PrintStream out, Ticket t, String remark) {
        out.println();
        out.println("Ticket " + t.id() + " (customer " + t.customerId() + "): \"" + t.subject() + "\"");
        out.println("  " + remark);
    }

    private static void printRecords(PrintStream out, List<ProvenanceRecord> records) {
        for (ProvenanceRecord r : records) {
            ProvenanceEntry e = r.entry();
            StringBuilder line = new StringBuilder(String.format("  #%-3d %-22s %-13s", r.index(), e.step(),
                    e.decision()));
            for (PermissionSummary p : e.permissions()) {
                line.append(' ').append(p.decision()).append(p.rule().isEmpty() ? "" : " (" + p.rule() + ")");
                if (p.decision() != PermissionSummary.Outcome.ALLOW) {
                    line.append(": ").append(p.reason());
                }
            }
            e.approver().ifPresent(a -> line.append(" approved by ").append(a));
            out.println(line);
        }
    }

    private static void printOutcome(PrintStream out, Outcome<Resolution> outcome) {
        if (outcome instanceof Outcome.Accepted<Resolution> a) {
            out.println("  => Accepted: " + a.value().status() + ". " + a.value().note());
        } else if (outcome instanceof Outcome.Escalated<Resolution> e) {
            out.println("  => Escalated: approval " + e.pendingId() + " (" + e.reason() + ")");
        } else {
            out.println("  => " + outcome);
        }
    }
}
