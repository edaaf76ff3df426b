package dev.missions.droid.test.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the JUnit XML format that Surefire, Gradle, pytest's {@code --junitxml} and most JavaScript reporters
 * write: {@code testsuite(s)/testcase} with {@code failure}, {@code error} or {@code skipped} children.
 * The counts come from the test cases themselves, not from the suite attributes, which some writers omit.
 */
public final class JUnitXmlReports {

    // A stack frame, with or without a module/class-loader prefix: "at app//com.shop.ShopTest.total(ShopTest.java:14)".
    private static final Pattern JAVA_FRAME = Pattern.compile(
            "at\\s+(?:\\S*/)?([\\w$.]+)\\.([\\w$<>]+)\\(([^():\\s]+):(\\d+)\\)");
    // pytest's traceback names each frame "path/test_shop.py:14: ..."
    private static final Pattern PYTHON_FRAME = Pattern.compile("(?m)^(\\S+\\.py):(\\d+):");
    // node stack frames: "at Object.<anonymous> (/w/test/shop.test.js:14:5)"
    private static final Pattern SCRIPT_FRAME = Pattern.compile(
            "\\(?((?:[A-Za-z]:)?[^\\s():]+\\.(?:[cm]?js|jsx|tsx?)):(\\d+):\\d+\\)?");

    private JUnitXmlReports() {
    }

    /** Whether the file looks like a JUnit report by its root element; false for any other XML. */
    public static boolean isJUnitReport(Path file) {
        try {
            String root = document(file).getDocumentElement().getTagName();
            return root.equals("testsuite") || root.equals("testsuites");
        } catch (ReportException notOne) {
            return false;
        }
    }

    public static Results parse(Path file) throws ReportException {
        Element root = document(file).getDocumentElement();
        if (!root.getTagName().equals("testsuite") && !root.getTagName().equals("testsuites")) {
            throw new ReportException(file.getFileName() + " is not a JUnit report: its root is <" + root.getTagName() + ">");
        }
        int total = 0;
        int failed = 0;
        int errored = 0;
        int skipped = 0;
        List<Failure> failures = new ArrayList<>();
        NodeList cases = root.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            total++;
            Element failure = child(testcase, "failure");
            Element error = child(testcase, "error");
            if (failure != null) {
                failed++;
                failures.add(failure(testcase, failure));
            } else if (error != null) {
                errored++;
                failures.add(failure(testcase, error));
            } else if (child(testcase, "skipped") != null) {
                skipped++;
            }
        }
        return new Results(new Counts(total, failed, errored, skipped), failures);
    }

    private static Failure failure(Element testcase, Element problem) {
        String className = testcase.getAttribute("classname");
        String name = testcase.getAttribute("name");
        String detail = problem.getTextContent();
        String message = problem.getAttribute("message");
        if (message.isBlank()) {
            message = detail == null ? "" : detail.strip();
        }
        String test = className.isEmpty() ? name : className + "#" + name;
        return new Failure(test, message, problem.getAttribute("type"), location(className, testcase, detail));
    }

    /** Where in the test's own source it failed: the first frame of the trace that belongs to the test. */
    static String location(String className, Element testcase, String trace) {
        String text = trace == null ? "" : trace;
        Matcher java = JAVA_FRAME.matcher(text);
        while (java.find()) {
            String frameClass = java.group(1);
            if (frameClass.equals(className) || frameClass.startsWith(className + "$")) {
                return java.group(3) + ":" + java.group(4);
            }
        }
        Matcher python = PYTHON_FRAME.matcher(text);
        while (python.find()) {
            String module = python.group(1).replaceFirst("\\.py$", "").replace('/', '.').replace('\\', '.');
            if (!className.isEmpty() && (className.equals(module) || className.startsWith(module + ".")
                    || module.endsWith("." + className) || className.endsWith("." + module))) {
                return python.group(1) + ":" + python.group(2);
            }
        }
        // pytest also names the test's file and its 0-based definition line.
        String file = testcase.getAttribute("file");
        String line = testcase.getAttribute("line");
        if (!file.isEmpty() && line.matches("\\d+")) {
            return file + ":" + (Integer.parseInt(line) + 1);
        }
        Matcher script = SCRIPT_FRAME.matcher(text);
        while (script.find()) {
            String path = script.group(1);
            if (!path.contains("node_modules") && !path.startsWith("node:")) {
                return path.substring(path.lastIndexOf('/') + 1) + ":" + script.group(2);
            }
        }
        return "";
    }

    private static Element child(Element parent, String tag) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                return element;
            }
        }
        return null;
    }

    private static Document document(Path file) throws ReportException {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilder builder = secureFactory().newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // no stderr noise; errors still throw
            // Belt and braces: should any entity slip through the factory settings, it resolves to nothing.
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused: " + systemId);
            });
            return builder.parse(in);
        } catch (SAXException | IOException | ParserConfigurationException unreadable) {
            throw new ReportException(file.getFileName() + " cannot be read as XML: " + unreadable.getMessage(), unreadable);
        }
    }

    /**
     * Reports are written by the code under test, so they are untrusted: no DOCTYPE at all (which rules out
     * external entities, entity expansion bombs and DTD fetches), no XInclude.
     */
    static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory;
    }
}
