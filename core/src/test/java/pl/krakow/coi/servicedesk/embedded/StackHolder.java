package pl.krakow.coi.servicedesk.embedded;

import java.nio.file.Path;

/** Test helper run in a separate JVM: starts a stack, prints its pids, then waits to be killed. */
public final class StackHolder {

    private StackHolder() {}

    public static void main(String[] args) throws Exception {
        EmbeddedStack stack = EmbeddedStack.start(EmbeddedStackOptions.defaults("holder")
                .withBaseDirectory(Path.of(args[0]))
                .withAwaitElasticsearch(true));
        System.out.println("PIDS " + stack.postgresPid() + " " + stack.elasticsearchPid() + " " + stack.runDirectory());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
