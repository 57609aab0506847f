package dev.arbiter.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arbiter.authority.provenance.FileLedgerBuilder;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.benchmarks.BenchFixtures.Invoice;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Generator;
import dev.arbiter.core.Message;
import dev.arbiter.core.ToolCall;
import dev.arbiter.core.Usage;
import dev.arbiter.core.langchain4j.ArbiterHttpClientBuilder;
import dev.arbiter.core.langchain4j.LangChain4jGenerator;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.CheckpointStore;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * The scale scenario (issue #9, figure 5): {@code runs} pipeline runs started at once, each one governed step
 * (contract, JSON Schema of a record, verification, binding, a provenance record in a JSONL file ledger with group
 * commit, or in memory) against a generator that takes {@code delayMs}; one thread per run, or none ({@code async}). Prints the
 * completion time against the ideal (one generation's delay: every run waits at the same time), the peak heap (sum
 * of the heap pools' peaks, which includes garbage not yet collected), and the ledger check: one record per run,
 * every run id present, the chain valid. Run it under {@code -Xmx512m} so that "heap under 512 MiB" is enforced, not
 * sampled.
 *
 * <p><b>The floor, side by side.</b> Each measured round first runs the same threads, started the same way, calling
 * the model with no Arbiter around it (the sleeping generator itself, or langchain4j's {@code ChatModel.chat} against
 * the same WireMock stub): what 2,000 platform threads waking on these cores cost with no governance at all. The
 * governed round follows; both are printed against the ideal.
 *
 * <p><b>Starting at once.</b> Every thread parks until one common instant ({@code LockSupport.parkNanos} to a
 * deadline), so the kernel's timers wake them, not a chain of wake-ups: a {@code CountDownLatch} wakes its waiters one
 * after another (each woken thread wakes the next), which on two cores spreads 2,000 starts over ~40 ms with no work
 * at all.
 *
 * <p><b>Steady state.</b> Each mode runs {@code warmups} unmeasured governed rounds first (default 30): one pipeline
 * run takes ~400 µs of CPU cold and ~20 µs once the JIT has compiled it, which takes some 60,000 runs on two busy
 * cores; with 5 warm-up rounds of 2,000 the measured round still ran partly interpreted code. Then {@code measured}
 * rounds (default 3), each a floor round and a governed round. The completion of every warm-up round is printed on
 * one line, to show whether the rounds had settled; the ledger checks run after every round, warm-up or not, so that
 * their code is compiled before the measured rounds and not while they run.
 *
 * <p><b>CPU.</b> Each measured round also prints the CPU time the process used from the common start until the last
 * run returned (every thread; counted by the operating system in ticks of 10 ms), and the mean CPU time of one call
 * on its own thread (user and kernel; not available on virtual threads). Against the completion time this tells
 * whether the cores were full, and against a loop on one thread how much a burst of thousands of threads costs each
 * run.
 *
 * <p>Modes: {@code stub} (an in-process generator that sleeps), {@code wiremock} (langchain4j's
 * {@code OpenAiChatModel} through {@link LangChain4jGenerator} against WireMock on loopback answering after the
 * same delay), or {@code both}.
 *
 * <p>Threads: one {@code platform} thread per run (default; what Java 17 offers), or one {@code virtual} thread per
 * run (Java 21 or later: start the same jar with a newer {@code java}). With virtual threads the runs' waits hold no
 * platform thread, and their wake-ups are continuations on a few carrier threads, not 2,000 kernel threads scheduled
 * on two cores. Or {@code async} (Java 17): every run by {@code Pipeline.runAsync}, started at the common
 * instant by one thread per core; the stub's {@code generateAsync} answers from a timer's threads
 * ({@code -Dscale.timerThreads}, default one per core), which then run the rest of each run. The floor is the same
 * threads calling the stub's {@code generateAsync} alone. With {@code wiremock}, {@code async} streams through
 * langchain4j's {@code OpenAiStreamingChatModel} (its {@code ChatModel} has no asynchronous call), against WireMock
 * answering with server-sent events; the floor is langchain4j's streaming {@code chat} alone. Each governed round prints its timeline: the last model
 * request and the first and last answer ({@code async}), and when the runs finished (the first, the median, the 90th
 * percentile, the last). {@code -Dscale.groupCommitDelayMicros=N} gives the file ledger a group-commit delay; {@code
 * -Dscale.durability=FSYNC_EACH} forces each record on its own.
 * {@code -Dscale.waitingModel=true} gives the pipeline a model that waits on its caller (as a {@code ChatModel}'s
 * generator does), and {@code -Dscale.blockingWorkInline=true} keeps the pipeline's blocking work on the run's thread.
 *
 * <pre>
 * java -Xmx512m -cp benchmarks/target/benchmarks.jar dev.arbiter.benchmarks.ScaleScenario [runs=2000] [delayMs=200] \
 *     [both|stub|wiremock] [file|memory] [warmups=30] [measured=3] [platform|virtual|async] \
 *     [none|instant|blocking|async] [toolDelayMs=50]
 * </pre>
 *
 * <p><b>Tools.</b> With a tool other than {@code none} (the stub only), each run's model first proposes one call of a
 * {@code read_inbox} tool, which the step's permission envelope allows and its gateway runs and records, then answers
 * the invoice: two generations, one tool call, two provenance records per run. The ideal is then two generations'
 * delays plus the tool's. The tool answers at once ({@code instant}: what remains is its record), sleeps on the
 * thread that calls it ({@code blocking}), or answers from the timer's threads ({@code async}, {@code
 * Tool.ofAsync}).
 */
public final class ScaleScenario {

    /** How long before the common start the runs are handed to their threads. */
    private static final long START_LEAD_NANOS = 500_000_000L;

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    /** The async stub's timer threads, which complete its answers (and run the rest of each run). */
    private static final int TIMER_THREADS = Integer.getInteger("scale.timerThreads", CORES);
    /**
     * The file ledger's durability ({@code -Dscale.durability=FSYNC_EACH|GROUP_COMMIT}, default {@code GROUP_COMMIT},
     * the mode for many runs).
     */
    private static final FileLedgerBuilder.Durability DURABILITY = FileLedgerBuilder.Durability.valueOf(
            System.getProperty("scale.durability", "GROUP_COMMIT"));
    /** The file ledger's group-commit delay in microseconds ({@code -Dscale.groupCommitDelayMicros}, default 0). */
    private static final int GROUP_COMMIT_DELAY_MICROS = Integer.getInteger("scale.groupCommitDelayMicros", 0);

    /**
     * Whether the pipeline's model waits on its caller ({@code -Dscale.waitingModel=true}): its {@code generateAsync}
     * is the interface's default, which sleeps in {@code generate}, as a langchain4j {@code ChatModel}'s generator
     * does. The floor keeps the stub that answers from the timer.
     */
    private static final boolean WAITING_MODEL = Boolean.getBoolean("scale.waitingModel");
    /**
     * Whether the pipeline does its blocking work where the run is ({@code -Dscale.blockingWorkInline=true}:
     * {@code blockingWork(Runnable::run)}), as every run did before the fourteenth round.
     */
    private static final boolean BLOCKING_WORK_INLINE = Boolean.getBoolean("scale.blockingWorkInline");

    /**
     * Whether the ledger is a table in PostgreSQL started from the jar ({@code -Dscale.jdbcLedger=true}; the
     * checkpoints' database and pool, {@link ScaleCheckpoints}), a table per round, in place of the memory or file
     * ledger.
     */
    private static final boolean JDBC_LEDGER = Boolean.getBoolean("scale.jdbcLedger");

    /** When the async stub was asked and answered, for the async rounds' timeline. */
    private static final Timeline TIMELINE = new Timeline();

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ScaleScenario() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int delayMs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String mode = args.length > 2 ? args[2] : "both";
        if (!mode.equals("both") && !mode.equals("stub") && !mode.equals("wiremock")) {
            throw new IllegalArgumentException("mode must be both, stub or wiremock, was '" + mode + "'");
        }
        boolean fileLedger = args.length <= 3 || !args[3].equals("memory");
        int warmups = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        int measured = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        String threads = args.length > 6 ? args[6] : "platform";
        if (!threads.equals("platform") && !threads.equals("virtual") && !threads.equals("async")) {
            throw new IllegalArgumentException("threads must be platform, virtual or async, was '" + threads + "'");
        }
        String toolKind = args.length > 7 ? args[7] : "none";
        int toolDelayMs = args.length > 8 ? Integer.parseInt(args[8]) : 50;
        if (!Set.of("none", "instant", "blocking", "async").contains(toolKind)) {
            throw new IllegalArgumentException("tool must be none, instant, blocking or async, was '" + toolKind + "'");
        }
        if (!toolKind.equals("none") && !mode.equals("stub")) {
            throw new IllegalArgumentException("tool calls take the stub");
        }
        boolean virtual = threads.equals("virtual");
        boolean async = threads.equals("async");
        if (async && mode.equals("both")) {
            throw new IllegalArgumentException("async runs take stub or wiremock, one at a time");
        }
        System.out.printf(Locale.ROOT, "scale scenario: %d runs at once, generator delay %d ms, %d cores, max heap %d MiB,"
                + " %s; %d warm-up rounds, %d measured; %s%n", runs, delayMs,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), warmups, measured,
                async ? "Pipeline.runAsync, " + CORES + " starting threads and " + (mode.equals("stub")
                        ? TIMER_THREADS + " timer threads" : "langchain4j's OpenAiStreamingChatModel")
                        : "one " + threads + " thread per run");
        if (!toolKind.equals("none")) {
            System.out.printf(Locale.ROOT, "each run calls one tool (%s%s) between two generations%n", toolKind,
                    toolKind.equals("instant") ? ", answering at once" : ", answering after " + toolDelayMs + " ms");
        }
        ExecutorService pool;
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(TIMER_THREADS, r -> {
            Thread t = new Thread(r, "model-timer");
            t.setDaemon(true);
            return t;
        });
        if (async) {
            pool = Executors.newFixedThreadPool(CORES);
        } else if (virtual) {
            pool = virtualThreadPerTask();
        } else {
            ThreadPoolExecutor platform = (ThreadPoolExecutor) Executors.newFixedThreadPool(runs);
            platform.prestartAllCoreThreads();
            pool = platform;
        }
        try {
            if (!mode.equals("wiremock")) {
                ScaleTools tools = new ScaleTools(toolKind, toolDelayMs, timer);
                Generator stub = stub(timer, delayMs, tools.any());
                Generator model = WAITING_MODEL ? (Generator) stub::generate : stub;
                scenario(async ? "async" : "stub", model, tools.floor(stub, async), pool, runs, delayMs, fileLedger,
                        warmups, measured, async, tools);
            }
            if (!mode.equals("stub")) {
                wiremock(pool, runs, delayMs, fileLedger, warmups, measured, async);
            }
        } finally {
            pool.shutdownNow();
            timer.shutdownNow();
        }
    }

    /**
     * The in-process generator: {@code generate} sleeps {@code delayMs}; {@code generateAsync} answers after it from
     * {@code timer}'s threads, noting the round's timeline. With {@code tools}, a request that does not end with a
     * tool's result is answered with a call of the tool.
     */
    private static Generator stub(ScheduledExecutorService timer, int delayMs, boolean tools) {
        Generation invoice = Generation.builder().text(BenchFixtures.INVOICE_JSON).modelId("gpt-4o")
                .usage(Usage.of(100, 20)).build();
        Generation call = Generation.ofToolCalls(ToolCall.of("c1", "read_inbox", "{}")).toBuilder().modelId("gpt-4o")
                .usage(Usage.of(100, 10)).build();
        return new Generator() {
            private Generation answer(GenerationRequest request) {
                List<Message> messages = request.messages();
                return tools && !messages.get(messages.size() - 1).role().equals("tool") ? call : invoice;
            }

            @Override
            public Generation generate(GenerationRequest request) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                return answer(request);
            }

            @Override
            public CompletableFuture<Generation> generateAsync(GenerationRequest request) {
                CompletableFuture<Generation> f = new CompletableFuture<>();
                TIMELINE.requested();
                timer.schedule(() -> {
                    TIMELINE.answered();
                    f.complete(answer(request));
                }, delayMs, TimeUnit.MILLISECONDS);
                return f;
            }
        };
    }

    /**
     * The WireMock rounds: langchain4j's {@code OpenAiChatModel} against a server on loopback answering after {@code
     * delayMs}, or, with {@code async}, its {@code OpenAiStreamingChatModel} against server-sent events (langchain4j's
     * chat models have no asynchronous call).
     */
    private static void wiremock(ExecutorService pool, int runs, int delayMs, boolean fileLedger, int warmups,
            int measured, boolean async) throws Exception {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(Math.min(runs, 1_000) + 50).asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(64).stubRequestLoggingDisabled(true).disableRequestJournal()
                .gzipDisabled(true).jettyAcceptQueueSize(runs + 100));
        server.start();
        String baseUrl = "http://127.0.0.1:" + server.port() + "/v1";
        try {
            if (async) {
                server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "text/event-stream").withBody(completionStream())
                        .withFixedDelay(delayMs)));
                StreamingChatModel streaming = OpenAiStreamingChatModel.builder().baseUrl(baseUrl).apiKey("benchmark")
                        .modelName("gpt-4o").timeout(Duration.ofSeconds(60))
                        .httpClientBuilder(new ArbiterHttpClientBuilder()).build();
                scenario("wiremock", LangChain4jGenerator.of(streaming), i -> streamed(streaming, i), pool, runs,
                        delayMs, fileLedger, warmups, measured, true, ScaleTools.NONE);
                return;
            }
            server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(completion()).withFixedDelay(delayMs)));
            ChatModel model = OpenAiChatModel.builder().baseUrl(baseUrl).apiKey("benchmark").modelName("gpt-4o")
                    .maxRetries(0).timeout(Duration.ofSeconds(60)).httpClientBuilder(new ArbiterHttpClientBuilder())
                    .build();
            scenario("wiremock", LangChain4jGenerator.of(model), i -> model.chat("Extract invoice " + i + "."), pool,
                    runs, delayMs, fileLedger, warmups, measured, false, ScaleTools.NONE);
        } finally {
            server.stop();
        }
    }

    /**
     * Java 21's {@code Executors.newVirtualThreadPerTaskExecutor()}, looked up at run time: the benchmarks are built
     * for Java 17 like the library, and run on virtual threads when started on a newer runtime.
     */
    static ExecutorService virtualThreadPerTask() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("virtual threads need Java 21 or later; this runtime is Java "
                    + System.getProperty("java.version"), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a virtual-thread executor", e);
        }
    }

    /** One run's work in the floor round: the model call alone. */
    @FunctionalInterface
    interface FloorCall {
        Object call(int run) throws Exception;
    }

    /**
     * The floor of the async WireMock run: langchain4j's streaming call alone, its future completed by the handler.
     */
    private static CompletableFuture<ChatResponse> streamed(StreamingChatModel model, int run) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat("Extract invoice " + run + ".", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {}

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        return done;
    }

    /** The same completion as {@link #completion()}, streamed: the content in one chunk, then the finish and usage. */
    private static String completionStream() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode first = mapper.createObjectNode().put("id", "chatcmpl-bench").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000).put("model", "gpt-4o");
        first.putArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta")
                .put("role", "assistant").put("content", BenchFixtures.INVOICE_JSON);
        ObjectNode last = mapper.createObjectNode().put("id", "chatcmpl-bench").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000).put("model", "gpt-4o");
        last.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
        last.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
        return "data: " + first + "\n\ndata: " + last + "\n\ndata: [DONE]\n\n";
    }

    private static String completion() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode body = mapper.createObjectNode().put("id", "chatcmpl-bench").put("object", "chat.completion")
                .put("created", 1_700_000_000).put("model", "gpt-4o");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", BenchFixtures.INVOICE_JSON);
        body.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
        return body.toString();
    }

    /**
     * Runs the rounds. With {@code async}, each call returns a future (the floor's model call, or {@code
     * Pipeline.runAsync}), started by the pool's few threads, and a run is finished when its future is.
     */
    private static void scenario(String name, Generator generator, FloorCall floor, ExecutorService pool, int runs,
            int delayMs, boolean fileLedger, int warmups, int measured, boolean async, ScaleTools tools) throws Exception {
        double ideal = tools.idealSeconds(delayMs);
        double[] floors = new double[measured];
        double[] governed = new double[measured];
        List<Double> warmupSeconds = new ArrayList<>();
        long peak = 0;
        for (int round = 0; round < warmups + measured; round++) {
            boolean measuring = round >= warmups;
            if (measuring || round >= warmups - 2) { // the floor's few methods warm up in two rounds
                double seconds = floorRound(name, floor, pool, runs, ideal, async, measuring);
                if (measuring) {
                    floors[round - warmups] = seconds;
                }
            }
            Path dir = Files.createTempDirectory("arbiter-scale");
            Path file = dir.resolve("ledger.jsonl");
            CheckpointStore checkpoints = ScaleCheckpoints.in(dir);
            try (ProvenanceLedger ledger = JDBC_LEDGER ? ProvenanceLedger.jdbc(ScaleCheckpoints.database())
                    .table("scale_" + name.replaceAll("[^A-Za-z0-9]", "_") + "_" + round).open()
                    : fileLedger ? ProvenanceLedger.file(file)
                    .durability(DURABILITY)
                    .groupCommitDelay(Duration.ofNanos(GROUP_COMMIT_DELAY_MICROS * 1_000L)).open()
                    : ProvenanceLedger.inMemory()) {
                Pipeline.Builder<String, Invoice> builder = Pipeline.builder("scale", tools.step(generator, ledger),
                        ArtifactType.of(Invoice.class)).ledger(ledger).checkpoints(checkpoints);
                if (BLOCKING_WORK_INLINE) {
                    builder.blockingWork(Runnable::run);
                }
                Pipeline<String, Invoice> pipeline = builder.build();
                String prefix = name + "-" + round + "-";
                List<Callable<Object>> calls = new ArrayList<>(runs);
                for (int i = 0; i < runs; i++) {
                    String runId = prefix + i;
                    String input = "Extract invoice " + runId + ".";
                    calls.add(async ? () -> pipeline.runAsync(runId, input) : () -> pipeline.run(runId, input));
                }
                System.gc();
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                Round result = async ? atOnceAsync(pool, calls) : atOnce(pool, calls);
                long peakHeap = peakHeap();
                // the checks run after every round, warm-up or not, so that their code is compiled before the
                // measured rounds, not while they run
                Checked checked = check(result, ledger, prefix, runs, fileLedger);
                if (!measuring) {
                    warmupSeconds.add(result.seconds());
                    if (round == warmups - 1) {
                        System.out.printf(Locale.ROOT, "%-8s warm-up  governed rounds, x ideal: %s%n", name + ":",
                                warmupSeconds.stream().map(x -> String.format(Locale.ROOT, "%.2f", x / ideal))
                                        .collect(Collectors.joining(" ")));
                    }
                    continue;
                }
                governed[round - warmups] = result.seconds();
                peak = Math.max(peak, peakHeap);
                System.out.printf(Locale.ROOT, "%-8s governed %d runs: %d accepted; completion %.3f s = %.2f x ideal;"
                        + " process CPU %.1f ms, %.1f us per run%s; peak heap %d MiB; %s%n", name + ":", runs,
                        checked.accepted(), result.seconds(), result.seconds() / ideal, result.cpuMillis(),
                        result.callCpuMicros(), result.timeline(), peakHeap >> 20, checked.ledger());
            } finally {
                ScaleCheckpoints.close(checkpoints);
                BenchFixtures.deleteTree(dir); // the ledger file, and the checkpoint files if any
            }
        }
        System.out.printf(Locale.ROOT, "%-8s median of %d: floor %.2f x ideal, governed %.2f x ideal (%.2f x the floor);"
                + " peak heap %d MiB%n", name + ":", measured, median(floors) / ideal, median(governed) / ideal,
                median(governed) / median(floors), peak >> 20);
    }

    /** Runs one floor round (the model calls alone) and returns its completion time, printed if measured. */
    private static double floorRound(String name, FloorCall floor, ExecutorService pool, int runs, double ideal,
            boolean async, boolean measuring) throws Exception {
        List<Callable<Object>> calls = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            int run = i;
            calls.add(() -> floor.call(run));
        }
        Round floorRound = async ? atOnceAsync(pool, calls) : atOnce(pool, calls);
        double seconds = floorRound.seconds();
        if (measuring) {
            System.out.printf(Locale.ROOT, "%-8s floor    %d model calls, no Arbiter: completion %.3f s = %.2f x"
                    + " ideal (%.3f s); process CPU %.1f ms, %.1f us per call%n", name + ":", runs, seconds,
                    seconds / ideal, ideal, floorRound.cpuMillis(), floorRound.callCpuMicros());
        }
        return seconds;
    }

    /**
     * Checks a governed round: how many runs were accepted, and the ledger: its records, whether every run id of
     * the round is in it (a run without one is lost), whether the chain verifies.
     */
    private static Checked check(Round result, ProvenanceLedger ledger, String prefix, int runs, boolean fileLedger) {
        int accepted = 0;
        for (Object outcome : result.results()) {
            if (outcome instanceof Outcome.Accepted) {
                accepted++;
            }
        }
        Set<String> runIds = new HashSet<>();
        for (ProvenanceRecord r : ledger.read(0, ledger.size())) {
            runIds.add(r.entry().runId());
        }
        int lost = 0;
        for (int i = 0; i < runs; i++) {
            if (!runIds.contains(prefix + i)) {
                lost++;
            }
        }
        LedgerVerification verification = ledger.verify();
        return new Checked(accepted, String.format(Locale.ROOT,
                "%s ledger %d records, %d distinct run ids, %d lost, %s", JDBC_LEDGER ? "PostgreSQL"
                : fileLedger ? "file (" + DURABILITY + ")" : "in-memory", ledger.size(), runIds.size(), lost,
                verification instanceof LedgerVerification.Valid ? "chain valid" : "chain BROKEN: " + verification));
    }

    /** A governed round's check: the runs accepted, and the ledger's account as text. */
    private record Checked(int accepted, String ledger) {}

    /**
     * What one round returned, how long from the common start until its last run finished, and the CPU time the whole
     * process used from the common start until then (every thread, the collector's and the JIT's included; the
     * operating system counts it in ticks of 10 ms), and the mean CPU time of one call on its own thread, user and
     * kernel (NaN on virtual threads, whose CPU time the JVM does not give).
     */
    private record Round(double seconds, List<Object> results, double cpuMillis, double callCpuMicros,
            String timeline) {
        Round(double seconds, List<Object> results, double cpuMillis, double callCpuMicros) {
            this(seconds, results, cpuMillis, callCpuMicros, "");
        }
    }

    /**
     * The async stub's timeline of one round: the last request to the model, the first and the last answer, as
     * times since the common start. A timer thread completes an answer and then runs the rest of that run on it.
     */
    private static final class Timeline {
        private final AtomicLong lastRequested = new AtomicLong();
        private final AtomicLong firstAnswered = new AtomicLong();
        private final AtomicLong lastAnswered = new AtomicLong();

        void reset() {
            lastRequested.set(Long.MIN_VALUE);
            firstAnswered.set(Long.MAX_VALUE);
            lastAnswered.set(Long.MIN_VALUE);
        }

        void requested() {
            lastRequested.accumulateAndGet(System.nanoTime(), Math::max);
        }

        void answered() {
            long now = System.nanoTime();
            firstAnswered.accumulateAndGet(now, Math::min);
            lastAnswered.accumulateAndGet(now, Math::max);
        }

        String describe(long start) {
            if (lastRequested.get() == Long.MIN_VALUE) {
                return "";
            }
            return String.format(Locale.ROOT, "; last model request at +%.1f ms, answers from +%.1f to +%.1f ms",
                    (lastRequested.get() - start) / 1e6, (firstAnswered.get() - start) / 1e6,
                    (lastAnswered.get() - start) / 1e6);
        }
    }

    /**
     * Hands every call to its own thread, parks them all until one common instant, and returns the time from that
     * instant until the last call returned.
     */
    private static Round atOnce(ExecutorService pool, List<Callable<Object>> calls) throws Exception {
        long[] finished = new long[calls.size()];
        long[] callCpu = new long[calls.size()];
        long start = System.nanoTime() + START_LEAD_NANOS;
        List<Future<Object>> futures = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            int run = i;
            Callable<Object> call = calls.get(i);
            futures.add(pool.submit(() -> {
                for (long wait = start - System.nanoTime(); wait > 0; wait = start - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                long cpuBefore = THREADS.getCurrentThreadCpuTime(); // -1 on a virtual thread
                Object result = call.call();
                finished[run] = System.nanoTime();
                callCpu[run] = cpuBefore < 0 ? -1 : THREADS.getCurrentThreadCpuTime() - cpuBefore;
                return result;
            }));
        }
        if (System.nanoTime() > start) {
            throw new IllegalStateException("handing the runs to their threads took longer than "
                    + START_LEAD_NANOS / 1_000_000 + " ms: the runs did not start at once");
        }
        for (long wait = start - System.nanoTime(); wait > 0; wait = start - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
        long cpuAtStart = processCpuNanos();
        List<Object> results = new ArrayList<>(calls.size());
        for (Future<Object> f : futures) {
            results.add(f.get());
        }
        long cpu = processCpuNanos() - cpuAtStart;
        long last = Arrays.stream(finished).max().orElse(start);
        double callCpuMicros = Arrays.stream(callCpu).anyMatch(c -> c < 0) ? Double.NaN
                : Arrays.stream(callCpu).sum() / 1e3 / calls.size();
        return new Round((last - start) / 1e9, results, cpuAtStart < 0 ? Double.NaN : cpu / 1e6, callCpuMicros,
                finishes(finished, start));
    }

    /** When the runs finished, as times since the common start: the first, the median, the 90th percentile, the last. */
    private static String finishes(long[] finished, long start) {
        long[] sorted = finished.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return String.format(Locale.ROOT, "; runs finished from +%.1f ms, median +%.1f, p90 +%.1f, last +%.1f",
                (sorted[0] - start) / 1e6, (sorted[n / 2] - start) / 1e6, (sorted[n * 9 / 10] - start) / 1e6,
                (sorted[n - 1] - start) / 1e6);
    }

    /**
     * Starts every call at one common instant from the pool's {@link #CORES} threads, each starting its share one
     * after another; every call returns a future, and a run is finished when its future completes. Returns the time
     * from the common instant until the last future completed, and the process's CPU time over it (no per-call CPU:
     * a run's work is spread over the starting and the completing threads).
     */
    private static Round atOnceAsync(ExecutorService pool, List<Callable<Object>> calls) throws Exception {
        int n = calls.size();
        long[] finished = new long[n];
        List<CompletableFuture<?>> done = new ArrayList<>(Collections.nCopies(n, null));
        long start = System.nanoTime() + START_LEAD_NANOS;
        List<Future<Object>> starters = new ArrayList<>();
        TIMELINE.reset();
        for (int s = 0; s < CORES; s++) {
            int first = s;
            starters.add(pool.submit(() -> {
                for (long wait = start - System.nanoTime(); wait > 0; wait = start - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                for (int i = first; i < n; i += CORES) {
                    int run = i;
                    CompletableFuture<?> f = (CompletableFuture<?>) calls.get(i).call();
                    done.set(i, f.whenComplete((v, e) -> finished[run] = System.nanoTime()));
                }
                return null;
            }));
        }
        for (long wait = start - System.nanoTime(); wait > 0; wait = start - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
        long cpuAtStart = processCpuNanos();
        for (Future<Object> f : starters) {
            f.get();
        }
        List<Object> results = new ArrayList<>(n);
        for (CompletableFuture<?> f : done) {
            results.add(f.get());
        }
        long cpu = processCpuNanos() - cpuAtStart;
        long last = Arrays.stream(finished).max().orElse(start);
        return new Round((last - start) / 1e9, results, cpuAtStart < 0 ? Double.NaN : cpu / 1e6, Double.NaN,
                TIMELINE.describe(start) + finishes(finished, start));
    }

    /** The CPU time this process has used, all threads, or -1 where the platform does not say. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
