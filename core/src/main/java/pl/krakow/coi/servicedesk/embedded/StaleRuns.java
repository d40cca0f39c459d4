package pl.krakow.coi.servicedesk.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what an earlier run killed hard left behind: a run directory whose owner process is gone
 * has its server processes (known from their pid files) stopped and its data deleted.
 */
final class StaleRuns {

    static final String OWNER_FILE = "owner.pid";
    private static final Logger log = LoggerFactory.getLogger(StaleRuns.class);

    private StaleRuns() {}

    static void clear(Path runsDirectory) {
        if (!Files.isDirectory(runsDirectory)) {
            return;
        }
        List<Path> runs;
        try (Stream<Path> list = Files.list(runsDirectory)) {
            runs = list.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            log.warn("Cannot list {}: {}", runsDirectory, e.getMessage());
            return;
        }
        for (Path run : runs) {
            Path owner = run.resolve(OWNER_FILE);
            if (!Files.exists(owner) && isYoung(run)) {
                continue; // being created by another JVM right now
            }
            boolean ownerAlive = ChildProcess.ProcessRecord.read(owner)
                    .flatMap(ChildProcess.ProcessRecord::live)
                    .isPresent();
            if (!ownerAlive) {
                try {
                    clearRun(run);
                } catch (RuntimeException e) {
                    // Clearing leftovers must never stop a start; the next start tries again.
                    log.warn("Cannot clear stale run {}: {}", run, e.toString());
                }
            }
        }
    }

    private static boolean isYoung(Path run) {
        try {
            return Files.getLastModifiedTime(run)
                    .toInstant()
                    .isAfter(java.time.Instant.now().minusSeconds(60));
        } catch (IOException e) {
            return false;
        }
    }

    private static void clearRun(Path run) {
        try (Stream<Path> files = Files.list(run)) {
            files.filter(file -> file.getFileName().toString().endsWith(".pid"))
                    .filter(file -> !file.getFileName().toString().equals(OWNER_FILE))
                    .forEach(pidFile -> ChildProcess.ProcessRecord.read(pidFile)
                            .flatMap(ChildProcess.ProcessRecord::live)
                            .ifPresent(orphan -> {
                                log.warn(
                                        "Stopping orphaned {} (pid {}) left by an earlier run in {}",
                                        pidFile.getFileName(),
                                        orphan.pid(),
                                        run);
                                ChildProcess.killTree(orphan);
                                try {
                                    orphan.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                                } catch (Exception e) {
                                    log.warn("Orphan pid {} did not exit: {}", orphan.pid(), e.toString());
                                }
                            }));
        } catch (IOException e) {
            log.warn("Cannot inspect stale run {}: {}", run, e.getMessage());
        }
        deleteTree(run);
    }

    /**
     * Deletes a directory tree, tolerating files that vanish meanwhile (a server of a dying run may
     * still be removing its own files) and files it cannot delete (logged, left for the next start).
     */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult visitFile(
                        Path file, java.nio.file.attribute.BasicFileAttributes a) {
                    delete(file);
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    delete(dir);
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot delete {} completely: {}", root, e.toString());
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.debug("Cannot delete {}: {}", path, e.getMessage());
        }
    }
}
