package dev.missions.droid.test.report;

/** A report file that cannot be read as a test report (malformed, refused as unsafe, unreadable). */
public class ReportException extends Exception {

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }

    public ReportException(String message) {
        super(message);
    }
}
