package dev.missions.droid.runtime.cast;

/** A casting names a provider or protocol this droid does not know: the attempt fails, saying which. */
public class UnknownProviderException extends RuntimeException {

    public UnknownProviderException(String message) {
        super(message);
    }
}
