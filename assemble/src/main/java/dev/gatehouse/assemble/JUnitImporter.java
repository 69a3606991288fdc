package dev.gatehouse.assemble;

import static dev.gatehouse.model.DiagnosticCode.INPUT_TOO_LARGE;
import static dev.gatehouse.model.DiagnosticCode.SYNTAX_ERROR;
import static dev.gatehouse.model.DiagnosticCode.UNSUPPORTED_ARTIFACT;

import java.io.ByteArrayInputStream;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * JUnit XML ({@code <testsuites>} or {@code <testsuite>} at the root, as Maven Surefire, Gradle,
 * pytest and Trivy write it), read with the JDK's StAX parser with DTDs and external entities off: a
 * document type declaration is refused outright ({@code unsupported-artifact}), so no entity is ever
 * expanded or fetched. A file fails when it has a {@code <failure>} or {@code <error>} element, or a
 * suite or the root counts failures or errors. A file whose test cases were all skipped (or that has
 * none) ran no test. The test check fails if any file fails, else passes if any test ran, else is
 * {@code skipped}: a report of no tests is not a passed test check.
 */
final class JUnitImporter {
    /** How deep elements may nest: JUnit XML needs four levels. */
    static final int MAX_DEPTH = 64;

    private JUnitImporter() {}

    /** What one file says. */
    enum Outcome {
        /** A failure or an error. */
        FAILED,
        /** Test cases ran, none failed. */
        PASSED,
        /** No test case ran (none, or every one skipped): the check did not run, which CI-001 does not accept. */
        SKIPPED
    }

    /** What one file says, and where (the first failure, else the root element). */
    record Result(Outcome outcome, Origin origin) {}

    static Result read(byte[] bytes, String file, Problems problems) {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        XMLStreamReader r = null;
        try {
            r = f.createXMLStreamReader(new ByteArrayInputStream(bytes));
            int depth = 0;
            Origin rootOrigin = null;
            Origin failedAt = null;
            int cases = 0;
            int skipped = 0;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD) {
                    problems.add(
                            dev.gatehouse.model.Diagnostic.inputAt(
                                    UNSUPPORTED_ARTIFACT,
                                    file,
                                    line(r),
                                    column(r),
                                    "has a document type declaration (<!DOCTYPE>); JUnit XML needs none, and DTDs and entities are refused"));
                    return null;
                }
                if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    problems.add(dev.gatehouse.model.Diagnostic.inputAt(
                            UNSUPPORTED_ARTIFACT,
                            file,
                            line(r),
                            column(r),
                            "refers to the entity &" + r.getLocalName()
                                    + "; which is not declared; entities are refused"));
                    return null;
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    continue;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                depth++;
                if (depth > MAX_DEPTH) {
                    problems.add(dev.gatehouse.model.Diagnostic.inputAt(
                            INPUT_TOO_LARGE,
                            file,
                            line(r),
                            column(r),
                            "nests elements more than " + MAX_DEPTH + " deep"));
                    return null;
                }
                String name = r.getLocalName();
                Origin here = new Origin(file, null, line(r));
                if (rootOrigin == null) {
                    if (!name.equals("testsuites") && !name.equals("testsuite")) {
                        problems.add(dev.gatehouse.model.Diagnostic.inputAt(
                                UNSUPPORTED_ARTIFACT,
                                file,
                                line(r),
                                column(r),
                                "is not JUnit XML: the root element is <" + name
                                        + ">, not <testsuites> or <testsuite>"));
                        return null;
                    }
                    rootOrigin = here;
                }
                boolean fails = name.equals("failure")
                        || name.equals("error")
                        || ((name.equals("testsuite") || name.equals("testsuites"))
                                && (count(r, "failures") > 0 || count(r, "errors") > 0));
                if (name.equals("testcase")) {
                    cases++;
                }
                if (name.equals("skipped")) {
                    skipped++;
                }
                if (fails && failedAt == null) {
                    failedAt = here;
                }
            }
            if (rootOrigin == null) {
                problems.add(dev.gatehouse.model.Diagnostic.inputAt(SYNTAX_ERROR, file, 0, 0, "the document is empty"));
                return null;
            }
            if (failedAt != null) {
                return new Result(Outcome.FAILED, failedAt);
            }
            return new Result(cases > skipped ? Outcome.PASSED : Outcome.SKIPPED, rootOrigin);
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            String message = e.getMessage() == null ? "malformed XML" : e.getMessage();
            int cut = message.indexOf("Message: ");
            message = (cut >= 0 ? message.substring(cut + "Message: ".length()) : message).strip();
            problems.add(dev.gatehouse.model.Diagnostic.inputAt(
                    SYNTAX_ERROR,
                    file,
                    at == null ? 0 : Math.max(0, at.getLineNumber()),
                    at == null ? 0 : Math.max(0, at.getColumnNumber()),
                    message.lines().findFirst().orElse("malformed XML")));
            return null;
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release beyond the byte array
                }
            }
        }
    }

    /** An attribute counting failures or errors; absent or not a number counts as 0. */
    private static long count(XMLStreamReader r, String attribute) {
        String v = r.getAttributeValue(null, attribute);
        if (v == null || !v.strip().matches("[0-9]{1,18}")) {
            return 0;
        }
        return Long.parseLong(v.strip());
    }

    private static int line(XMLStreamReader r) {
        return Math.max(0, r.getLocation().getLineNumber());
    }

    private static int column(XMLStreamReader r) {
        return Math.max(0, r.getLocation().getColumnNumber());
    }
}
