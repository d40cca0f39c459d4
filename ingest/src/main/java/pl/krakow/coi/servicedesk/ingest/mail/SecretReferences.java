package pl.krakow.coi.servicedesk.ingest.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Resolves a reference to a secret: {@code env:VAR} (an environment variable) or {@code file:/path} (a file, e.g.
 * a mounted Kubernetes secret), trimmed. The configuration and the API hold only references, so a configuration
 * that is logged or listed never shows a secret; a failure names the reference, never the value.
 */
final class SecretReferences {

    private final UnaryOperator<String> environment;

    SecretReferences() {
        this(System::getenv);
    }

    SecretReferences(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /** A secret that cannot be read; the message names the reference only. */
    static final class SecretUnavailable extends Exception {
        SecretUnavailable(String message) {
            super(message);
        }
    }

    /** Whether {@code reference} has the form of a reference ({@code env:VAR} or {@code file:/absolute/path}). */
    static boolean valid(String reference) {
        if (reference == null) {
            return false;
        }
        if (reference.startsWith("env:")) {
            return reference.substring(4).matches("[A-Za-z_][A-Za-z0-9_]*");
        }
        if (reference.startsWith("file:")) {
            String path = reference.substring(5);
            return path.startsWith("/") && path.length() > 1 && path.indexOf('\0') < 0;
        }
        return false;
    }

    /** The secret {@code reference} points to. */
    String resolve(String reference) throws SecretUnavailable {
        if (!valid(reference)) {
            throw new SecretUnavailable("Not a secret reference (env:VAR or file:/path): " + describe(reference));
        }
        String value;
        if (reference.startsWith("env:")) {
            value = environment.apply(reference.substring(4));
            if (value == null) {
                throw new SecretUnavailable("Environment variable of " + reference + " is not set");
            }
        } else {
            try {
                value = Files.readString(Path.of(reference.substring(5)), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                throw new SecretUnavailable("File of " + reference + " cannot be read: "
                        + e.getClass().getSimpleName());
            }
        }
        value = value.strip();
        if (value.isEmpty()) {
            throw new SecretUnavailable("The secret of " + reference + " is empty");
        }
        return value;
    }

    /** A reference as an error may show it: a value that is not a reference may be a secret pasted by mistake. */
    private static String describe(String reference) {
        if (reference == null) {
            return "none";
        }
        return reference.startsWith("env:") || reference.startsWith("file:") ? reference : "(a value, not shown)";
    }
}
