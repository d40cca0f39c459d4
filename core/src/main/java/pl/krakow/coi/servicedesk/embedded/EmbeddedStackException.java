package pl.krakow.coi.servicedesk.embedded;

/** The embedded stack could not be prepared, started or stopped; the message says why. */
class EmbeddedStackException extends RuntimeException {

    public EmbeddedStackException(String message) {
        super(message);
    }

    public EmbeddedStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
