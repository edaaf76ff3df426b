package dev.missions.droid.runtime.workspace;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GitCredentialsTest {

    private static final List<String> HOSTS = List.of("github.com", "git.example.com");
    private final GitCredentials token = GitCredentials.token("x-access-token", "ghp_secret_value");

    @Test
    void theTokenGoesOnlyToListedHostsOverHttps() {
        assertTrue(token.onlyFor("https://github.com/acme/shop.git", HOSTS).provider().isPresent());
        assertTrue(token.onlyFor("https://GIT.example.com/acme/shop.git", HOSTS).provider().isPresent());
        for (String elsewhere : List.of("http://github.com/acme/shop.git", "https://github.com.evil.io/x.git",
                "https://evil.io/github.com/x.git", "ssh://git@github.com/acme/shop.git", "file:///tmp/r.git",
                "git@github.com:acme/shop.git", "not a url at all")) {
            assertFalse(token.onlyFor(elsewhere, HOSTS).provider().isPresent(), elsewhere);
        }
    }
}
