package pl.krakow.coi.servicedesk.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import pl.krakow.coi.servicedesk.embedded.EmbeddedStack;
import pl.krakow.coi.servicedesk.embedded.EmbeddedStackOptions;

/**
 * Holds the one embedded stack of a Maven run. Started by the first integration-test JVM that needs
 * it; lives as long as the Maven process (its owner), so that every module's tests reuse it; stops
 * the servers when Maven ends, however it ends.
 *
 * <p>Arguments: owner pid, state directory.
 */
public final class StackDaemon {

    static final String COORDINATES = "stack.properties";
    static final String FAILURE = "stack.failure";

    private StackDaemon() {}

    public static void main(String[] args) throws Exception {
        long ownerPid = Long.parseLong(args[0]);
        Path state = Path.of(args[1]);
        ProcessHandle owner = ProcessHandle.of(ownerPid).orElse(null);
        if (owner == null) {
            return;
        }
        EmbeddedStack stack;
        try {
            stack = EmbeddedStack.start(EmbeddedStackOptions.defaults("test")
                    .withOwner(owner)
                    .withRunName("test-" + ownerPid + "-" + System.currentTimeMillis() / 1000));
        } catch (RuntimeException e) {
            Files.writeString(state.resolve(FAILURE), e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "embedded-stack-stop"));
        new StackCoordinates(
                        stack.postgresPort(),
                        stack.elasticsearchUri(),
                        ProcessHandle.current().pid(),
                        stack.logDirectory())
                .write(state.resolve(COORDINATES));
        owner.onExit().join();
        Files.deleteIfExists(state.resolve(COORDINATES));
        stack.close();
        System.exit(0);
    }
}
