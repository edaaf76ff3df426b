package dev.missions.droid.runtime.workspace;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/** How a workspace authenticates to the mission repository: nothing (file:// remotes in tests) or an HTTPS token. */
public final class GitCredentials {

    private static final GitCredentials NONE = new GitCredentials(null, null);

    private final String username;
    private final String token;

    private GitCredentials(String username, String token) {
        this.username = username;
        this.token = token;
    }

    public static GitCredentials none() {
        return NONE;
    }

    /** A token sent as the HTTPS password; most forges accept any non-empty user name with a token. */
    public static GitCredentials token(String token) {
        return token("x-access-token", token);
    }

    public static GitCredentials token(String username, String token) {
        if (token == null || token.isBlank()) {
            return NONE;
        }
        return new GitCredentials(username, token);
    }

    /**
     * These credentials when {@code repositoryUrl} is https on one of {@code hosts}, else none: a token must not go
     * to a host nobody vouched for, nor in the clear.
     */
    public GitCredentials onlyFor(String repositoryUrl, List<String> hosts) {
        if (token == null) {
            return this;
        }
        URI uri;
        try {
            uri = URI.create(repositoryUrl);
        } catch (IllegalArgumentException e) {
            return NONE;
        }
        boolean allowed = "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
                && hosts.stream().anyMatch(host -> host.strip().equalsIgnoreCase(uri.getHost()));
        return allowed ? this : NONE;
    }

    Optional<CredentialsProvider> provider() {
        return token == null ? Optional.empty()
                : Optional.of(new UsernamePasswordCredentialsProvider(username, token));
    }

    /** Removes the token, and any user info in URLs, from text that may reach logs or the model. */
    public String redact(String text) {
        if (text == null) {
            return "";
        }
        String out = text.replaceAll("(?i)(https?://)[^/@\\s]+@", "$1***@");
        return token == null ? out : out.replace(token, "***");
    }

    /** A workspace failure for {@code e} that keeps its message chain, redacted, and drops the exception itself. */
    WorkspaceException redact(Exception e, String context) {
        var msg = new StringBuilder(context);
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            msg.append(": ").append(t instanceof WorkspaceException ? "" : t.getClass().getSimpleName() + " ")
                    .append(t.getMessage());
        }
        String text = redact(msg.toString());
        return e instanceof QuotaExceededException ? new QuotaExceededException(text) : new WorkspaceException(text);
    }

    @Override
    public String toString() {
        return token == null ? "GitCredentials[none]" : "GitCredentials[token=***]";
    }
}
