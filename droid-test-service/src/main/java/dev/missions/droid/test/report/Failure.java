package dev.missions.droid.test.report;

/**
 * One failing test.
 *
 * @param test     who failed: {@code class#method} for JUnit XML, {@code package#Test} for Go
 * @param message  what the test said, as reported (assertion message, exception message, Go test output)
 * @param type     the exception type when the report names one, else empty
 * @param location {@code File:line} in the test's own source where it failed, e.g. {@code ShopTest.java:14};
 *                 empty when the report does not tell
 */
public record Failure(String test, String message, String type, String location) {

    static final int MAX_MESSAGE = 2000;

    public Failure {
        test = test == null ? "" : test;
        message = message == null ? "" : cut(message.strip(), MAX_MESSAGE);
        type = type == null ? "" : type.strip();
        location = location == null ? "" : location;
    }

    /** One line: {@code test — message (location)}, the message cut to its first line and {@code maxMessage}. */
    public String oneLine(int maxMessage) {
        String text = message.isEmpty() ? type : firstLine(message);
        if (!type.isEmpty() && !message.isEmpty() && !isAssertion(type) && !text.contains(simpleName(type))) {
            text = simpleName(type) + ": " + text;
        }
        StringBuilder line = new StringBuilder(test).append(" — ").append(cut(text, maxMessage));
        if (!location.isEmpty()) {
            line.append(" (").append(location).append(')');
        }
        return line.toString();
    }

    // An assertion's message says it all; an exception's type is half of what went wrong.
    private static boolean isAssertion(String type) {
        return type.endsWith("AssertionFailedError") || type.endsWith("AssertionError")
                || type.endsWith("ComparisonFailure") || type.equals("failure");
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "…";
    }
}
