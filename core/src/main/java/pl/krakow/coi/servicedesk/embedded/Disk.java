package pl.krakow.coi.servicedesk.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free space checks, so that a full disk is reported as such rather than as a start-up timeout. */
final class Disk {

    private Disk() {}

    static long freeMegabytes(Path path) {
        try {
            Path existing = path;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing == null ? -1 : Files.getFileStore(existing).getUsableSpace() / (1024 * 1024);
        } catch (IOException e) {
            return -1;
        }
    }

    static void requireFree(Path path, long megabytes, String purpose) {
        long free = freeMegabytes(path);
        if (free >= 0 && free < megabytes) {
            throw new EmbeddedStackException("Not enough disk space for " + purpose + " at " + path + ": " + free
                    + " MB free, at least " + megabytes + " MB needed. Free some space or point"
                    + " servicedesk.embedded.base-directory elsewhere.");
        }
    }
}
