package dev.missions.droid.runtime;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Masks secrets in every log line (quarkus.log.*.filter=missions-redaction), the logged exception's messages
 * included; it rewrites, never drops.
 */
@LoggingFilter(name = "missions-redaction")
public final class LogRedaction implements Filter {

    private final Secrets secrets = Secrets.from(ConfigProvider.getConfig(), System.getenv());

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String message = ext.getFormattedMessage();
            String masked = secrets.mask(message);
            if (message != null && !message.equals(masked)) {
                ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        }
        if (record.getThrown() != null) {
            record.setThrown(RedactedThrowable.of(record.getThrown(), secrets));
        }
        return true;
    }
}
