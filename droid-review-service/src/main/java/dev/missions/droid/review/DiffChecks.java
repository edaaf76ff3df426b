package dev.missions.droid.review;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks that need no model and come first: there is a change at all, it adds no secret, and it adds no huge
 * binary file. Each finding is a comment on the line or file where it is.
 */
final class DiffChecks {

    private static final Pattern FILE = Pattern.compile("^\\+\\+\\+ (?:b/)?(.+)$");
    private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@.*");
    private static final Map<String, Pattern> SECRETS = Map.of(
            "a private key", Pattern.compile("-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP )?PRIVATE KEY"),
            "an AWS access key", Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
            "a GitHub token", Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36,}\\b"),
            "a Slack token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"),
            "a model provider key", Pattern.compile("\\bsk-(?:ant-)?[A-Za-z0-9_-]{20,}"),
            "a hard-coded credential", Pattern.compile(
                    "(?i)\\b(?:api[_-]?key|secret|password|passwd|token)\\b\\s*[:=]\\s*[\"'][^\"'\\s]{12,}[\"']"));

    private final long maxBinaryBytes;

    DiffChecks(long maxBinaryBytes) {
        this.maxBinaryBytes = maxBinaryBytes;
    }

    List<ReviewComment> check(String diff, List<String> changedFiles, Path root) throws IOException {
        List<ReviewComment> findings = new ArrayList<>();
        if (diff.isBlank() || changedFiles.isEmpty()) {
            findings.add(new ReviewComment("(mission branch)", 0,
                    "nothing to review: the branch has no changes against its base"));
            return findings;
        }
        secrets(diff, findings);
        for (String file : changedFiles) {
            Path path = root.resolve(file);
            if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && Files.size(path) > maxBinaryBytes
                    && binary(path)) {
                findings.add(new ReviewComment(file, 0, "adds a binary file of " + Files.size(path)
                        + " bytes (limit " + maxBinaryBytes + "); keep large binaries out of the repository"));
            }
        }
        return findings;
    }

    private static void secrets(String diff, List<ReviewComment> findings) {
        String file = null;
        int line = 0;
        for (String text : diff.split("\n", -1)) {
            Matcher f = FILE.matcher(text);
            Matcher h = HUNK.matcher(text);
            if (f.matches()) {
                file = f.group(1);
            } else if (h.matches()) {
                line = Integer.parseInt(h.group(1));
            } else if (text.startsWith("+") && file != null) {
                for (Map.Entry<String, Pattern> secret : SECRETS.entrySet()) {
                    if (secret.getValue().matcher(text).find()) {
                        findings.add(new ReviewComment(file, line, "adds what looks like " + secret.getKey()
                                + "; remove it and take it from configuration or a secret store"));
                    }
                }
                line++;
            } else if (text.startsWith(" ")) {
                line++;
            }
        }
    }

    private static boolean binary(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(8_192);
            for (byte b : head) {
                if (b == 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
