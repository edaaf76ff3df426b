package dev.missions.coordinator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiTokensTest {

    private static ApiTokens tokens(String... entries) {
        return new ApiTokens(Optional.of(List.of(entries)));
    }

    @Test
    void eachTokenNamesItsHolder() {
        ApiTokens tokens = tokens("ada=s3cret-ada", " gateway = s3cret=with=equals ", "", "ada=rotated-ada");

        assertEquals(Optional.of("ada"), tokens.holder("s3cret-ada"));
        assertEquals(Optional.of("gateway"), tokens.holder("s3cret=with=equals"), "only the first = splits");
        assertEquals(Optional.of("ada"), tokens.holder("rotated-ada"), "one name may hold two tokens while one is rotated");
        assertEquals(Optional.empty(), tokens.holder("ada"));
        assertEquals(Optional.empty(), tokens.holder("s3cret-ad"));
        assertFalse(tokens.none());
        assertTrue(new ApiTokens(Optional.empty()).none());
    }

    @Test
    void anUnnamedOrAmbiguousEntryStopsTheStartAndNeverEchoesTheSecret() {
        IllegalArgumentException unnamed = assertThrows(IllegalArgumentException.class, () -> tokens("ada=one", "old-unnamed-secret"));
        assertTrue(unnamed.getMessage().contains("entry 2 has no valid name"), unnamed.getMessage());
        assertFalse(unnamed.getMessage().contains("old-unnamed-secret"), unnamed.getMessage());

        // a colon would let a token pass for the gateway's slack:… or linear:… actors
        assertThrows(IllegalArgumentException.class, () -> tokens("slack:U42=secret"));
        assertThrows(IllegalArgumentException.class, () -> tokens("=secret"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tokens("ada=")).getMessage().contains("(ada) has no secret"));

        IllegalArgumentException shared = assertThrows(IllegalArgumentException.class, () -> tokens("ada=same-secret", "bob=same-secret"));
        assertTrue(shared.getMessage().contains("entry 2 (bob) repeats the secret"), shared.getMessage());
        assertFalse(shared.getMessage().contains("same-secret"), shared.getMessage());
    }
}
