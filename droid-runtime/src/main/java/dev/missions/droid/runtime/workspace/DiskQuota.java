package dev.missions.droid.runtime.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** The most bytes one workspace may hold, .git included; measured by walking the tree (no symlinks followed). */
public record DiskQuota(Path root, long maxBytes) {

    public long usedBytes() {
        long[] total = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    total[0] += attrs.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total[0];
    }

    /** Fails when the workspace is already over its quota. */
    public void check() {
        long used = usedBytes();
        if (used > maxBytes) {
            throw new QuotaExceededException("workspace uses " + used + " bytes, over its quota of " + maxBytes);
        }
    }

    /** Fails when replacing {@code removedBytes} by {@code addedBytes} would take the workspace over its quota. */
    public void ensureRoom(long addedBytes, long removedBytes) {
        long after = usedBytes() - removedBytes + addedBytes;
        if (after > maxBytes) {
            throw new QuotaExceededException("workspace disk quota exceeded: this change would take it to " + after
                    + " bytes, the quota is " + maxBytes);
        }
    }
}
