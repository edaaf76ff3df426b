package dev.missions.droid.runtime.tools;

import java.nio.charset.StandardCharsets;

/** Keeps the last {@code capacity} bytes written to it: the end of build output is where the errors are. */
final class TailBuffer {

    private final byte[] ring;
    private long total;

    TailBuffer(int capacity) {
        ring = new byte[capacity];
    }

    synchronized void write(byte[] bytes, int len) {
        int from = Math.max(0, len - ring.length);
        for (int i = from; i < len; i++) {
            ring[(int) ((total + i) % ring.length)] = bytes[i];
        }
        total += len;
    }

    synchronized long dropped() {
        return Math.max(0, total - ring.length);
    }

    synchronized String text() {
        int kept = (int) Math.min(total, ring.length);
        byte[] out = new byte[kept];
        long start = total - kept;
        for (int i = 0; i < kept; i++) {
            out[i] = ring[(int) ((start + i) % ring.length)];
        }
        String tail = new String(out, StandardCharsets.UTF_8);
        return dropped() == 0 ? tail : "[... " + dropped() + " bytes of earlier output dropped ...]\n" + tail;
    }
}
