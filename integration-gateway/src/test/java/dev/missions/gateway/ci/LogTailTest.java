package dev.missions.gateway.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LogTailTest {

    @Test
    void keepsTheLastLinesWithinTheCharacterLimit() {
        String log = IntStream.rangeClosed(1, 1000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        assertEquals("line 998\nline 999\nline 1000", LogTail.of(log, 3, 10_000));
        String tail = LogTail.of(log, 1000, 30);
        assertTrue(tail.length() <= 30, tail);
        assertTrue(tail.endsWith("line 1000"), tail);
    }

    @Test
    void dropsRunnerTimestampsAndColoursAndCutsAHugeLastLine() {
        assertEquals("##[error]Process completed with exit code 1.",
                LogTail.of("2026-11-24T10:04:00.0000000Z ##[error]Process completed with exit code 1.", 10, 1000));
        assertEquals("FAILED", LogTail.of("\u001B[31;1mFAILED\u001B[0m", 10, 1000));
        assertEquals("x".repeat(50), LogTail.of("x".repeat(5000), 10, 50));
        assertEquals("", LogTail.of("", 10, 50));
    }
}
