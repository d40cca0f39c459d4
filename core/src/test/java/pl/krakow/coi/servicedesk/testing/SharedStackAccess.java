package pl.krakow.coi.servicedesk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The expanded test class path, for tests that start helper JVMs. */
public final class SharedStackAccess {

    private SharedStackAccess() {}

    public static String classPath() {
        try {
            return SharedStack.classPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
