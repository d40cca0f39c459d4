package pl.krakow.coi.servicedesk.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks the server distributions once per machine into a shared, read-only cache; runs never
 * write into it (each run has its own data, configuration and log directories). Several JVMs
 * unpacking at once are serialised by a file lock, and a half-unpacked tree is never used.
 */
final class Distributions {

    private static final Logger log = LoggerFactory.getLogger(Distributions.class);
    private static final String POSTGRES_ARCHIVE = "postgres-linux-x86_64.txz";

    private final Path root;
    private final Path localRepository;
    private final java.net.URI remoteRepository;

    Distributions(Path root, Path localRepository, java.net.URI remoteRepository) {
        this.root = root;
        this.localRepository = localRepository;
        this.remoteRepository = remoteRepository;
    }

    /** The PostgreSQL installation directory (bin, lib, share). */
    Path postgres() {
        MavenArtifact artifact = MavenArtifact.POSTGRES_BINARIES;
        return unpackOnce("postgres-" + artifact.version(), target -> {
            try (InputStream archive = openPostgresArchive(artifact);
                    TarArchiveInputStream tar =
                            new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(archive)))) {
                for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                    Path path = safeResolve(target, entry.getName());
                    if (entry.isDirectory()) {
                        Files.createDirectories(path);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(path.getParent());
                        Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(path.getParent());
                        Files.copy(tar, path);
                        Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                    }
                }
            }
        });
    }

    /** The Elasticsearch home directory (bin, lib, modules, config template). */
    Path elasticsearch() {
        MavenArtifact artifact = MavenArtifact.ELASTICSEARCH;
        Path home = unpackOnce("elasticsearch-" + artifact.version(), target -> {
            Path zip = artifact.resolve(localRepository, remoteRepository);
            try (ZipFile archive = ZipFile.builder().setPath(zip).get()) {
                for (ZipArchiveEntry entry : Collections.list(archive.getEntries())) {
                    Path path = safeResolve(target, entry.getName());
                    if (entry.isDirectory()) {
                        Files.createDirectories(path);
                        continue;
                    }
                    Files.createDirectories(path.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, path);
                    }
                    int mode = entry.getUnixMode();
                    boolean executable = (mode & 0111) != 0 || entry.getName().contains("/bin/");
                    Files.setPosixFilePermissions(path, permissions(executable ? 0755 : 0644));
                }
            }
        });
        try (var entries = Files.list(home)) {
            return entries.filter(Files::isDirectory)
                    .filter(dir -> Files.isDirectory(dir.resolve("bin")))
                    .findFirst()
                    .orElseThrow(() -> new EmbeddedStackException("No Elasticsearch home inside " + home));
        } catch (IOException e) {
            throw new EmbeddedStackException("Cannot read " + home, e);
        }
    }

    private InputStream openPostgresArchive(MavenArtifact artifact) throws IOException {
        InputStream onClassPath = Distributions.class.getClassLoader().getResourceAsStream(POSTGRES_ARCHIVE);
        if (onClassPath != null) {
            return onClassPath;
        }
        Path jar = artifact.resolve(localRepository, remoteRepository);
        JarFile jarFile = new JarFile(jar.toFile());
        ZipEntry entry = jarFile.getEntry(POSTGRES_ARCHIVE);
        if (entry == null) {
            jarFile.close();
            throw new EmbeddedStackException(jar + " holds no " + POSTGRES_ARCHIVE);
        }
        return new java.io.FilterInputStream(jarFile.getInputStream(entry)) {
            @Override
            public void close() throws IOException {
                super.close();
                jarFile.close();
            }
        };
    }

    private Path unpackOnce(String name, Unpacker unpacker) {
        // A file lock excludes other JVMs only; threads of this JVM are excluded by the monitor.
        synchronized (Distributions.class) {
            return unpackOnceLocked(name, unpacker);
        }
    }

    @SuppressWarnings("try") // the lock is held for the block, not referenced in it
    private Path unpackOnceLocked(String name, Unpacker unpacker) {
        Path target = root.resolve(name);
        Path done = root.resolve(name + ".complete");
        if (Files.exists(done)) {
            return target;
        }
        try {
            Files.createDirectories(root);
            try (FileChannel channel = FileChannel.open(
                            root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                if (Files.exists(done)) {
                    return target;
                }
                log.info("Unpacking {} into {} (once per machine)", name, target);
                StaleRuns.deleteTree(target);
                Path staging = Files.createTempDirectory(root, name + ".");
                unpacker.unpack(staging);
                Files.setPosixFilePermissions(staging, permissions(0755));
                Files.move(staging, target);
                Files.createFile(done);
                return target;
            }
        } catch (IOException e) {
            throw new EmbeddedStackException(
                    "Cannot unpack " + name + " into " + target + ": " + e.getMessage() + " (free disk space: "
                            + Disk.freeMegabytes(root) + " MB)",
                    e);
        }
    }

    private static Path safeResolve(Path root, String entryName) {
        Path path = root.resolve(entryName).normalize();
        if (!path.startsWith(root)) {
            throw new EmbeddedStackException("Archive entry escapes its directory: " + entryName);
        }
        return path;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        // Readable by the unprivileged service uid whatever the archive says.
        set.add(PosixFilePermission.OTHERS_READ);
        set.add(PosixFilePermission.GROUP_READ);
        if (set.contains(PosixFilePermission.OWNER_EXECUTE)) {
            set.add(PosixFilePermission.OTHERS_EXECUTE);
            set.add(PosixFilePermission.GROUP_EXECUTE);
        }
        return set;
    }

    @FunctionalInterface
    private interface Unpacker {
        void unpack(Path target) throws IOException;
    }
}
