package dev.arbiter.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.eval.Comparison;
import dev.arbiter.eval.Gate;
import dev.arbiter.eval.GateResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlReportTest {

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void eachMetricIsASuiteAndEachFailingCaseAFailure() throws Exception {
        Document doc = parse(JUnitXmlReport.toXml(Samples.card("v2", true), null));

        NodeList suites = doc.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        Element fields = (Element) suites.item(0);
        assertThat(fields.getAttribute("name")).isEqualTo("invoices: fields");
        assertThat(fields.getAttribute("tests")).isEqualTo("4");
        assertThat(fields.getAttribute("failures")).isEqualTo("3");
        Element failure = (Element) fields.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("fields: 0/2 trials passed, mean score 0.500");
        assertThat(failure.getTextContent()).contains("trial 0: FAIL 0.500/1.000 1/2 fields match");
        Element property = (Element) fields.getElementsByTagName("property").item(0);
        assertThat(property.getAttribute("name")).isEqualTo("subjectId");
        assertThat(property.getAttribute("value")).isEqualTo("v2");
    }

    @Test
    void theGateIsALastSuiteOfChecks() throws Exception {
        Comparison comparison = Comparison.of(Samples.card("v1", false), Samples.card("v2", true));
        GateResult gate = Gate.builder().minPassRate("fields", 0.9).build().evaluate(comparison);

        Document doc = parse(JUnitXmlReport.toXml(comparison.candidate(), gate));

        NodeList suites = doc.getElementsByTagName("testsuite");
        Element gateSuite = (Element) suites.item(suites.getLength() - 1);
        assertThat(gateSuite.getAttribute("name")).isEqualTo("invoices: gate");
        assertThat(gateSuite.getAttribute("failures")).isEqualTo(Long.toString(gate.checks().stream()
                .filter(c -> !c.ok()).count()));
        assertThat(((Element) gateSuite.getElementsByTagName("testcase").item(0)).getAttribute("name"))
                .isEqualTo("min pass rate of 'fields'");
    }
}
