package dev.missions.droid.runtime.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.UnaryOperator;

/** What the model was told and answered, one redacted line per entry, for people looking into an attempt later. */
public interface Transcript extends AutoCloseable {

    /** One line of a transcript file. */
    record Entry(int step, String kind, String text) {
    }

    Transcript NONE = new Transcript() {
        @Override
        public void record(int step, String kind, String text) {
        }

        @Override
        public void close() {
        }
    };

    void record(int step, String kind, String text);

    @Override
    void close();

    /** Appends to {@code file} as JSON lines, every text passed through {@code redact} first. */
    static Transcript toFile(Path file, UnaryOperator<String> redact) {
        BufferedWriter out;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the transcript " + file, e);
        }
        ObjectMapper json = new ObjectMapper();
        return new Transcript() {
            @Override
            public synchronized void record(int step, String kind, String text) {
                try {
                    out.write(json.writeValueAsString(new Entry(step, kind, redact.apply(text))));
                    out.write('\n');
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the transcript " + file, e);
                }
            }

            @Override
            public synchronized void close() {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // the transcript is a record for people; losing its tail must not fail the attempt
                }
            }
        };
    }
}
