package dev.missions.droid.runtime;

/**
 * A logged exception with the secrets masked in its messages, its causes' and its suppressed ones', printing as
 * the original would (class name, message, stack). Exceptions that hold no secret are logged as they are.
 */
final class RedactedThrowable extends RuntimeException {

    private final String shown;

    private RedactedThrowable(String shown, Throwable original) {
        super(shown);
        this.shown = shown;
        setStackTrace(original.getStackTrace());
    }

    static Throwable of(Throwable thrown, Secrets secrets) {
        return holdsSecret(thrown, secrets, 0) ? copy(thrown, secrets, 0) : thrown;
    }

    private static boolean holdsSecret(Throwable t, Secrets secrets, int depth) {
        if (t == null || depth > 20) {
            return false;
        }
        String text = t.toString();
        if (!text.equals(secrets.mask(text))) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (holdsSecret(suppressed, secrets, depth + 1)) {
                return true;
            }
        }
        return t.getCause() != t && holdsSecret(t.getCause(), secrets, depth + 1);
    }

    private static Throwable copy(Throwable t, Secrets secrets, int depth) {
        RedactedThrowable copy = new RedactedThrowable(secrets.mask(t.toString()), t);
        if (depth < 20 && t.getCause() != null && t.getCause() != t) {
            copy.initCause(copy(t.getCause(), secrets, depth + 1));
        }
        for (Throwable suppressed : t.getSuppressed()) {
            copy.addSuppressed(copy(suppressed, secrets, depth + 1));
        }
        return copy;
    }

    @Override
    public String toString() {
        return shown;
    }
}
