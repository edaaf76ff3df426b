package dev.missions.coordinator.ui;

import java.time.Instant;

/**
 * A signed-in person, as the session cookie carries it (encrypted): the API token the dashboard acts with, its
 * holder's name, when the session ends, and the nonce every form's CSRF field is derived from.
 */
record Session(String token, String name, Instant expires, String nonce) {

    /** The value of every form's hidden {@code csrf} field. */
    String csrf() {
        return nonce;
    }

    @Override
    public String toString() {
        return "Session[" + name + ", until " + expires + "]"; // never the token
    }
}
