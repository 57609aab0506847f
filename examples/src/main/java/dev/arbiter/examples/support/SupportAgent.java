package dev.arbiter.examples.support;

import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.permission.LangChain4jTools;
import dev.arbiter.authority.permission.PermissionEnvelope;
import dev.arbiter.authority.permission.Policy;
import dev.arbiter.authority.permission.PolicyFiles;
import dev.arbiter.authority.permission.Registries;
import dev.arbiter.authority.permission.SideEffect;
import dev.arbiter.authority.permission.Tool;
import dev.arbiter.authority.permission.ToolDescriptor;
import dev.arbiter.authority.permission.ToolGateway;
import dev.arbiter.authority.provenance.FileLedger;
import dev.arbiter.authority.provenance.LedgerReader;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.core.Generator;
import dev.arbiter.core.ResponseSchema;
import dev.arbiter.core.ToolSpec;
import dev.arbiter.steering.RequestComposer;
import dev.arbiter.steering.constraint.Budget;
import dev.arbiter.steering.constraint.OutputSpec;
import dev.arbiter.steering.context.ContextItem;
import dev.arbiter.steering.intent.IntentContract;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.CheckpointStore;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A customer-care agent that acts: it reads a ticket, looks up the order, refunds and e-mails the customer, and
 * returns a closing note. The model proposes every action; deterministic code decides which ones run.
 *
 * <pre>
 * handle(ticket) = Pipeline( GovernedStep( tool loop: ToolGateway( PermissionEnvelope(policy file) ) ) )
 * </pre>
 *
 * <ul>
 *   <li>the ticket enters the prompt as <b>untrusted</b> context (fenced, its source id {@code ticket:T-…}); the
 *       trusted task names only the ticket and the customer number;</li>
 *   <li>every proposed call goes through a {@link ToolGateway} whose {@link PermissionEnvelope} comes from
 *       {@code support/support-policy.yaml}: reads are free, refunds up to 50.00 EUR are automatic and larger ones
 *       wait for a person, e-mail goes only to the address on file (the application registry
 *       {@code addresses_on_file}, which this class fills from the shop's customer record of the ticket's
 *       customer, never from what the model read), and refunds only to that customer's orders (registry
 *       {@code orders_of_customer});</li>
 *   <li>a denied call is recorded as {@code REJECTED} and the model is told, so an injected instruction cannot act
 *       while the customer is still served;</li>
 *   <li>a refund above the limit suspends the run ({@link Outcome.Escalated} with the approval's id) in an
 *       {@link ApprovalQueue} in an H2 file; after a person decides, {@link #handle} with the same ticket resumes
 *       the run (its run id is {@link #runId}), even in another process: an approved refund runs exactly once, a
 *       rejected one never, and the model is told either way;</li>
 *   <li>every decision is appended to a hash-chained provenance ledger ({@code ledger.jsonl}).</li>
 * </ul>
 *
 * <p>State lives in the data folder: {@code support.mv.db} (approvals and checkpoints) and {@code ledger.jsonl}.
 * The ledger file is locked while an agent is open; {@link #close} releases it and shuts the database down.
 * Thread-safe: tickets may be handled concurrently.
 *
 * <pre>{@code
 * try (SupportAgent agent = SupportAgent.open(dir, shop, generator, Clock.systemUTC())) {
 *     Outcome<Resolution> outcome = agent.handle(ticket);
 *     if (outcome instanceof Outcome.Escalated<Resolution> e) {
 *         agent.approvals().approve(e.pendingId(), "maria", "carrier confirmed the loss");
 *         outcome = agent.handle(ticket);        // resumes: the approved refund runs once
 *     }
 * }
 * }</pre>
 */
public final class SupportAgent implements AutoCloseable {

    /** How long a person has to decide on a refund. */
    public static final Duration APPROVAL_TIME_TO_LIVE = Duration.ofDays(3);
    /** The registry of the e-mail address on file, as the policy file names it. */
    public static final String ADDRESSES_ON_FILE = "addresses_on_file";
    /** The registry of the orders of the ticket's customer, as the policy file names it. */
    public static final String ORDERS_OF_CUSTOMER = "orders_of_customer";

    static final String POLICY_RESOURCE = "support/support-policy.yaml";
    static final String CONTRACT_RESOURCE = "support/support-contract.yaml";
    private static final int MAX_TOOL_ROUNDS = 8;

    private final ShopBackend shop;
    private final Generator model;
    private final Clock clock;
    private final IntentContract contract;
    private final List<Tool> tools;
    private final PermissionEnvelope envelope;
    private final JdbcDataSource database;
    private final ApprovalQueue approvals;
    private final CheckpointStore checkpoints;
    private final FileLedger ledger;

    private SupportAgent(Path dir, ShopBackend shop, Generator model, Clock clock) {
        this.shop = shop;
        this.model = model;
        this.clock = clock;
        Policy policy = policy();
        this.contract = IntentContract.fromYaml(resource(CONTRACT_RESOURCE), CONTRACT_RESOURCE);
        this.tools = tools(shop, policy);
        this.envelope = policy.envelope(specs());
        this.database = new JdbcDataSource();
        database.setURL("jdbc:h2:file:" + dir.resolve("support").toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
        this.approvals = ApprovalQueue.jdbc(database, clock, APPROVAL_TIME_TO_LIVE);
        this.checkpoints = CheckpointStore.jdbc(database);
        this.ledger = ProvenanceLedger.file(dir.resolve("ledger.jsonl")).open();
    }

    /**
     * Opens the agent over a data folder (created if absent), continuing whatever an earlier agent left there:
     * pending approvals, suspended runs, the ledger.
     *
     * @param dir the data folder
     * @param shop the shop's systems the tools act on
     * @param model the model (any {@link Generator}; the example uses {@link ScriptedSupportModel})
     * @param clock the clock of approvals and records
     * @throws IllegalStateException if another open agent holds the folder's ledger
     * @throws UncheckedIOException if the folder cannot be created
     */
    public static SupportAgent open(Path dir, ShopBackend shop, Generator model, Clock clock) {
        Objects.requireNonNull(shop, "shop");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(clock, "clock");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + dir, e);
        }
        return new SupportAgent(dir, shop, model, clock);
    }

    /** Returns the run id of a ticket: handling the same ticket again resumes its run. */
    public static String runId(Ticket ticket) {
        return "support-" + ticket.id();
    }

    /**
     * Handles a ticket, or resumes its run: {@link Outcome.Accepted} with the closing note, {@link
     * Outcome.Escalated} while a refund waits for a person (its pending id is the approval's id in
     * {@link #approvals()}), {@link Outcome.Rejected} or {@link Outcome.Failed} otherwise. Never throws for what the
     * model or a tool does.
     */
    public Outcome<Resolution> handle(Ticket ticket) {
        // the registries hold the address on file and the orders of this ticket's customer only: not even another
        // customer's address or order can be written to or refunded, and nothing the model read can add to them
        ToolGateway.Builder gateway = ToolGateway.builder(envelope, ledger, approvals)
                .registries(Registries.of(Map.of(ADDRESSES_ON_FILE, List.of(shop.emailOnFile(ticket.customerId())),
                        ORDERS_OF_CUSTOMER, shop.ordersOf(ticket.customerId()))));
        tools.forEach(gateway::tool);
        OutputSpec.Builder spec = OutputSpec.builder().schema(ResponseSchema.of("resolution", Resolution.SCHEMA));
        specs().forEach(spec::tool);
        ContextItem ticketText = ContextItem.untrusted("ticket:" + ticket.id(), "Subject: " + ticket.subject()
                + "\n\n" + ticket.body()).withOrigin("helpdesk:e-mail");
        GovernedStep<Ticket, Resolution> resolve = GovernedStep.<Ticket, Resolution>builder("resolve-ticket",
                        ArtifactType.of(Resolution.class))
                .composer(RequestComposer.builder(contract, spec.build()).temperature(0.0).build())
                .task(t -> "Resolve support ticket " + t.id() + " of customer " + t.customerId() + ".")
                .context(query -> List.of(ticketText))
                .generator(model)
                .verifier(JsonSchemaVerifier.create())
                .tools(gateway.build(), MAX_TOOL_ROUNDS)
                .provider("openai").model("gpt-4o-mini")
                .build();
        return Pipeline.builder("support-agent", resolve, ArtifactType.of(Resolution.class))
                .ledger(ledger)
                .checkpoints(checkpoints)
                .approvals(approvals)
                .clock(clock)
                .budget(Budget.builder().attempts(3).toolCalls(12).cost(new BigDecimal("0.05")).build())
                .build()
                .run(runId(ticket), ticket);
    }

    /** Returns the queue where refunds above the limit wait for a person. */
    public ApprovalQueue approvals() {
        return approvals;
    }

    /** Returns the provenance ledger, for reading: every tool call and every decision of every run. */
    public LedgerReader ledger() {
        return ledger;
    }

    /** Releases the ledger file and shuts the H2 database down. */
    @Override
    public void close() {
        ledger.close();
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot shut down the support database " + database.getURL(), e);
        }
    }

    /** Runs the example and prints what happened: {@code [DATA_DIR]} (a new temporary folder by default). */
    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("arbiter-support-");
        SupportAgentDemo.run(dir, System.out);
    }

    /** Returns the policy file {@code support/support-policy.yaml}. */
    static Policy policy() {
        return PolicyFiles.parse(resource(POLICY_RESOURCE), POLICY_RESOURCE, PolicyFiles.Format.YAML);
    }

    /** Returns the tools over the shop, each described (side effect, sensitive parameters, output trust) by the policy. */
    static List<Tool> tools(ShopBackend shop, Policy policy) {
        return LangChain4jTools.fromAnnotated(new SupportTools(shop), spec -> describe(policy, spec));
    }

    private List<ToolSpec> specs() {
        return tools.stream().map(t -> t.descriptor().spec()).toList();
    }

    /** What langchain4j does not know about a tool, taken from the policy file: one source of truth. */
    private static ToolDescriptor describe(Policy policy, ToolSpec spec) {
        Policy.ToolPolicy p = policy.tools().get(spec.name());
        if (p == null) {
            return ToolDescriptor.of(spec, SideEffect.IRREVERSIBLE);
        }
        return new ToolDescriptor(spec, p.sideEffect(), p.sensitive(), p.freeText(), p.outputTrust());
    }

    private static String resource(String name) {
        try (InputStream in = SupportAgent.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
