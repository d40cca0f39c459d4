package pl.krakow.coi.servicedesk.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How child processes are launched. PostgreSQL and Elasticsearch refuse to run as root, so as root
 * they are started through {@code setpriv} as an unprivileged uid; in every case, when {@code setpriv}
 * exists, the child gets a parent-death signal so that a JVM killed hard does not leave it behind.
 */
final class Privileges {

    private static final List<Path> SETPRIV_CANDIDATES =
            List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"), Path.of("/usr/sbin/setpriv"));

    private final int currentUid;
    private final int serviceUid;
    private final Optional<Path> setpriv;

    private Privileges(int currentUid, int serviceUid, Optional<Path> setpriv) {
        this.currentUid = currentUid;
        this.serviceUid = serviceUid;
        this.setpriv = setpriv;
    }

    static Privileges detect(int unprivilegedUid) {
        int uid = currentUid();
        Optional<Path> setpriv =
                SETPRIV_CANDIDATES.stream().filter(Files::isExecutable).findFirst();
        if (uid == 0 && setpriv.isEmpty()) {
            throw new EmbeddedStackException("Running as root, but 'setpriv' (util-linux) is missing: PostgreSQL and"
                    + " Elasticsearch refuse to run as root and are started as uid " + unprivilegedUid
                    + " through setpriv. Install util-linux (apt-get install util-linux) or run as a normal user.");
        }
        return new Privileges(uid, uid == 0 ? unprivilegedUid : uid, setpriv);
    }

    static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the current uid from /proc/self", e);
        }
    }

    boolean dropsRoot() {
        return currentUid == 0;
    }

    /** The uid the child processes run as, and that must own their directories. */
    int serviceUid() {
        return serviceUid;
    }

    /** The command line that starts {@code command} with the parent-death signal and, as root, the uid drop. */
    List<String> wrap(List<String> command, String parentDeathSignal) {
        if (setpriv.isEmpty()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>();
        wrapped.add(setpriv.get().toString());
        wrapped.add("--pdeathsig");
        wrapped.add(parentDeathSignal);
        if (dropsRoot()) {
            wrapped.add("--reuid=" + serviceUid);
            wrapped.add("--regid=" + serviceUid);
            wrapped.add("--clear-groups");
        }
        wrapped.add("--");
        wrapped.addAll(command);
        return wrapped;
    }

    /** Gives a directory tree to the service uid, so that the child can write into it. */
    void handOver(Path directory) {
        if (!dropsRoot()) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setAttribute(path, "unix:uid", serviceUid, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", serviceUid, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            throw new EmbeddedStackException("Cannot give " + directory + " to uid " + serviceUid, e);
        }
    }
}
