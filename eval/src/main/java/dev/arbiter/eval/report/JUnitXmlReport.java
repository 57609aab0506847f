package dev.arbiter.eval.report;

import dev.arbiter.eval.CaseResult;
import dev.arbiter.eval.GateResult;
import dev.arbiter.eval.RunInfo;
import dev.arbiter.eval.Score;
import dev.arbiter.eval.Scorecard;
import dev.arbiter.eval.Trial;
import dev.arbiter.eval.TrialOutcome;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * A scorecard as JUnit XML, the format CI systems (GitHub Actions test reporters, GitLab, Jenkins) display.
 *
 * <p>One {@code <testsuite>} per metric, named {@code suite: metric}, with one {@code <testcase>} per golden
 * case; a case that fails the metric (more than half of its trials fail) has a {@code <failure>} carrying each
 * trial's explanation. When a gate result is given, a last {@code <testsuite>} named {@code suite: gate} holds one
 * {@code <testcase>} per check, failing when the check failed. Run info (subject, models, golden set) is written
 * as {@code <properties>}. Stateless and thread-safe.
 */
public final class JUnitXmlReport {

    private JUnitXmlReport() {}

    /** Writes the report to the file, creating its directory. */
    public static void write(Scorecard scorecard, @Nullable GateResult gate, Path file) {
        Reports.writeString(file, toXml(scorecard, gate));
    }

    /** Returns the report as XML text. */
    public static String toXml(Scorecard scorecard, @Nullable GateResult gate) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuites");
            w.writeAttribute("name", "arbiter-eval " + scorecard.run().suite());
            for (String metric : scorecard.metricNames()) {
                metricSuite(w, scorecard, metric);
            }
            if (gate != null) {
                gateSuite(w, scorecard.run(), gate);
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
        return out + "\n";
    }

    private static void metricSuite(XMLStreamWriter w, Scorecard scorecard, String metric) throws XMLStreamException {
        RunInfo run = scorecard.run();
        long failures = scorecard.cases().stream().filter(c -> !c.passed(metric)).count();
        double seconds = scorecard.cases().stream().flatMap(c -> c.trials().stream())
                .mapToLong(t -> t.latency().toMillis()).sum() / 1000.0;
        w.writeCharacters("\n  ");
        w.writeStartElement("testsuite");
        w.writeAttribute("name", run.suite() + ": " + metric);
        w.writeAttribute("tests", Integer.toString(scorecard.cases().size()));
        w.writeAttribute("failures", Long.toString(failures));
        w.writeAttribute("errors", "0");
        w.writeAttribute("time", seconds(seconds));
        w.writeAttribute("timestamp", run.startedAt().toString());
        properties(w, run);
        for (CaseResult c : scorecard.cases()) {
            w.writeCharacters("\n    ");
            w.writeStartElement("testcase");
            w.writeAttribute("classname", "eval." + run.suite() + "." + metric);
            w.writeAttribute("name", c.caseId());
            w.writeAttribute("time", seconds(c.trials().stream().mapToLong(t -> t.latency().toMillis()).sum() / 1000.0));
            if (!c.passed(metric)) {
                w.writeStartElement("failure");
                w.writeAttribute("type", "score");
                w.writeAttribute("message", String.format(Locale.ROOT, "%s: %d/%d trials passed, mean score %.3f",
                        metric, c.passes(metric), c.trials().size(), c.meanScore(metric)));
                StringBuilder detail = new StringBuilder();
                for (Trial t : c.trials()) {
                    Score s = t.score(metric);
                    detail.append("trial ").append(t.repeat()).append(": ").append(s.passed() ? "pass" : "FAIL")
                            .append(String.format(Locale.ROOT, " %.3f/%.3f ", s.value(), s.threshold()))
                            .append(s.explanation());
                    if (t.outcome() instanceof TrialOutcome.Failed f) {
                        detail.append(" [").append(f.kind()).append(": ").append(f.message()).append(']');
                    }
                    detail.append('\n');
                }
                w.writeCharacters(detail.toString());
                w.writeEndElement();
            }
            w.writeEndElement();
        }
        w.writeCharacters("\n  ");
        w.writeEndElement();
    }

    private static void gateSuite(XMLStreamWriter w, RunInfo run, GateResult gate) throws XMLStreamException {
        w.writeCharacters("\n  ");
        w.writeStartElement("testsuite");
        w.writeAttribute("name", run.suite() + ": gate");
        w.writeAttribute("tests", Integer.toString(gate.checks().size()));
        w.writeAttribute("failures", Long.toString(gate.checks().stream().filter(c -> !c.ok()).count()));
        w.writeAttribute("errors", "0");
        w.writeAttribute("time", "0");
        for (GateResult.Check c : gate.checks()) {
            w.writeCharacters("\n    ");
            w.writeStartElement("testcase");
            w.writeAttribute("classname", "eval." + run.suite() + ".gate");
            w.writeAttribute("name", c.rule());
            w.writeAttribute("time", "0");
            if (!c.ok()) {
                w.writeStartElement("failure");
                w.writeAttribute("type", "gate");
                w.writeAttribute("message", c.message());
                w.writeCharacters(c.rule() + ": " + c.message());
                w.writeEndElement();
            } else {
                w.writeStartElement("system-out");
                w.writeCharacters(c.message());
                w.writeEndElement();
            }
            w.writeEndElement();
        }
        w.writeCharacters("\n  ");
        w.writeEndElement();
    }

    private static void properties(XMLStreamWriter w, RunInfo run) throws XMLStreamException {
        w.writeCharacters("\n    ");
        w.writeStartElement("properties");
        property(w, "subjectId", run.subjectId());
        property(w, "modelIds", String.join(",", run.modelIds()));
        property(w, "goldenSet", run.goldenSet() + "@" + run.goldenSetVersion());
        property(w, "goldenSetDigest", run.goldenSetDigest());
        property(w, "repeats", Integer.toString(run.repeats()));
        for (var e : run.contracts().entrySet()) {
            property(w, "contract." + e.getKey(), e.getValue());
        }
        w.writeEndElement();
    }

    private static void property(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeEmptyElement("property");
        w.writeAttribute("name", name);
        w.writeAttribute("value", value);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
