package dev.arbiter.authority.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.authority.verify.TestData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class LanguageDetectorTest {

    private static final String DE = "Die Erstattung wird innerhalb von zwei Wochen auf Ihr Konto überwiesen, wie wir es am "
            + "Telefon vereinbart haben. Wenn Sie noch Fragen haben, können Sie uns jederzeit schreiben.";
    private static final String FR = "Le remboursement sera versé sur votre compte dans les deux semaines, comme nous "
            + "l'avons convenu au téléphone. Si vous avez des questions, vous pouvez nous écrire.";
    private static final String ES = "El reembolso se pagará en su cuenta en un plazo de dos semanas, como lo acordamos por "
            + "teléfono. Si tiene preguntas, puede escribirnos en cualquier momento.";
    private static final String IT = "Il rimborso sarà versato sul suo conto entro due settimane, come abbiamo concordato al "
            + "telefono. Se ha delle domande, può scriverci in qualsiasi momento.";
    private static final String PT = "O reembolso será pago na sua conta dentro de duas semanas, como combinamos por "
            + "telefone. Se você tiver perguntas, pode nos escrever a qualquer momento.";
    private static final String NL = "De terugbetaling wordt binnen twee weken op uw rekening gestort, zoals we aan de "
            + "telefoon hebben afgesproken. Als u nog vragen heeft, kunt u ons altijd schrijven.";

    @Test
    void eachKnownLanguageIsRecognisedAndNotTakenForEnglish() {
        String[][] cases = {{"de", DE}, {"fr", FR}, {"es", ES}, {"it", IT}, {"pt", PT}, {"nl", NL}};
        for (String[] c : cases) {
            assertThat(LanguageDetector.check(c[1], c[0])).as(c[0]).isInstanceOf(RuleOutcome.Kept.class);
            assertThat(LanguageDetector.check(c[1], "en")).as(c[0] + " as en").isInstanceOf(RuleOutcome.Broken.class);
        }
    }

    @Test
    void anotherScriptIsNotALatinLanguage() {
        RuleOutcome outcome = LanguageDetector.check("Возврат средств будет зачислен на ваш счёт в течение двух недель.", "en");
        assertThat(outcome).isInstanceOf(RuleOutcome.Broken.class);
        assertThat(((RuleOutcome.Broken) outcome).message()).contains("Cyrillic script");
    }

    @Test
    void shortTextIsUndecided() {
        assertThat(LanguageDetector.check("Danke.", "en")).isInstanceOf(RuleOutcome.Undecided.class);
    }

    @Test
    void realEnglishDocumentsAreRecognisedAsEnglish() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        int checked = 0;
        int english = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(TestData.dir().resolve("summedits/summedits.jsonl.gz"))), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && checked < 500) {
                JsonNode row = mapper.readTree(line);
                checked++;
                if (LanguageDetector.check(row.get("summary").asText(), "en") instanceof RuleOutcome.Kept) {
                    english++;
                }
            }
        }
        assertThat(checked).isEqualTo(500);
        assertThat(english).as("SummEdits summaries recognised as English").isGreaterThanOrEqualTo(490);
    }
}
