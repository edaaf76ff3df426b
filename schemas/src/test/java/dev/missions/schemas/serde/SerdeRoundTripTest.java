package dev.missions.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.missions.events.Casting;
import dev.missions.events.EventMeta;
import dev.missions.events.Outcome;
import dev.missions.events.Role;
import dev.missions.events.SubtaskCompleted;
import dev.missions.events.Usage;
import dev.missions.schemas.SchemaCatalog;
import dev.missions.schemas.Topic;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerdeRoundTripTest {

    static SubtaskCompleted sample() {
        return SubtaskCompleted.newBuilder()
                .setMeta(EventMeta.newBuilder().setEventId("e-1").setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                        .setMissionId("m-1").setCorrelationId("m-1").build())
                .setSubtaskId("s-1").setAttempt(2).setRole(Role.CODE).setDroidId("droid-7")
                .setOutcome(Outcome.SUCCEEDED).setSummary("done")
                .setArtifacts(Map.of("commit", "abc123"))
                .setCasting(Casting.newBuilder().setProvider("openai").setModel("gpt-x").build())
                .setUsage(Usage.newBuilder().setInputTokens(10).setOutputTokens(5).setSteps(3).build())
                .build();
    }

    @Test
    void writesTheConfluentWireFormatWithTheCatalogId() {
        byte[] bytes = serialize(sample());

        assertEquals(0, bytes[0], "magic byte");
        assertEquals(SchemaCatalog.idOf(SubtaskCompleted.getClassSchema()), ByteBuffer.wrap(bytes, 1, 4).getInt());
        try (var deserializer = new MissionsAvroDeserializer()) {
            deserializer.configure(Map.of(), false);
            assertEquals(sample().getSummary(), ((SubtaskCompleted) deserializer.deserialize(Topic.RESULTS.topicName(), bytes)).getSummary());
        }
    }

    @Test
    void bytesWrittenHereAreReadByAnotherProcess(@TempDir Path dir) throws IOException, InterruptedException {
        SubtaskCompleted sent = sample();
        Path file = dir.resolve("record.bin");
        Files.writeString(file, HexFormat.of().formatHex(serialize(sent)));

        Process reader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReadInAnotherProcess.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(reader.getInputStream().readAllBytes()).strip();
        reader.waitFor(60, TimeUnit.SECONDS);

        assertEquals(0, reader.exitValue(), output);
        assertEquals(sent.toString(), output.lines().reduce((first, last) -> last).orElse(""));
    }

    private static byte[] serialize(Object record) {
        try (var serializer = new MissionsAvroSerializer()) {
            serializer.configure(Map.of(), false);
            return serializer.serialize(Topic.RESULTS.topicName(), record);
        }
    }

    /** The other process: reads the hex file and prints the record it decodes. */
    public static final class ReadInAnotherProcess {
        public static void main(String[] args) throws IOException {
            byte[] bytes = HexFormat.of().parseHex(Files.readString(Path.of(args[0])).strip());
            try (var deserializer = new MissionsAvroDeserializer()) {
                deserializer.configure(Map.of(), false);
                System.out.println(deserializer.deserialize(Topic.RESULTS.topicName(), bytes));
            }
        }
    }
}
