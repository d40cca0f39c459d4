package pl.krakow.coi.servicedesk.embedded;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start an embedded stack.
 *
 * @param baseDirectory where unpacked distributions and run directories live (one per uid by default)
 * @param runName the run directory's name, unique per run so that two stacks never collide
 * @param database the application database created at start
 * @param elasticsearchHeap heap size of the Elasticsearch node, e.g. {@code 512m}
 * @param localRepository the local Maven repository searched for, and receiving, the server artifacts
 * @param remoteRepository the Maven repository the artifacts are downloaded from when missing
 * @param unprivilegedUid the uid the servers run as when the JVM runs as root
 * @param owner the process whose life bounds the stack's: when it is gone, a later start clears the run
 * @param awaitElasticsearch whether {@link EmbeddedStack#start} waits for Elasticsearch to be ready
 * @param startupTimeout how long each server may take to become ready
 */
public record EmbeddedStackOptions(
        Path baseDirectory,
        String runName,
        String database,
        String elasticsearchHeap,
        Path localRepository,
        URI remoteRepository,
        int unprivilegedUid,
        ProcessHandle owner,
        boolean awaitElasticsearch,
        Duration startupTimeout) {

    public EmbeddedStackOptions {
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        Objects.requireNonNull(runName, "runName");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(localRepository, "localRepository");
        Objects.requireNonNull(remoteRepository, "remoteRepository");
        Objects.requireNonNull(owner, "owner");
        if (!runName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("Run name must be a plain file name: " + runName);
        }
        if (!database.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("Database name must be a lower-case identifier: " + database);
        }
    }

    /** Defaults for a run named {@code prefix-<pid>-<time>} owned by this JVM. */
    public static EmbeddedStackOptions defaults(String prefix) {
        String repository = System.getProperty(
                "servicedesk.embedded.repository",
                System.getProperty(
                        "maven.repo.local",
                        Path.of(System.getProperty("user.home"), ".m2", "repository")
                                .toString()));
        return new EmbeddedStackOptions(
                defaultBaseDirectory(),
                prefix + "-" + ProcessHandle.current().pid() + "-" + System.currentTimeMillis() / 1000,
                "servicedesk",
                "512m",
                Path.of(repository),
                URI.create("https://repo.maven.apache.org/maven2/"),
                65534,
                ProcessHandle.current(),
                true,
                Duration.ofSeconds(120));
    }

    public static Path defaultBaseDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "coi-servicedesk-" + Privileges.currentUid());
    }

    public EmbeddedStackOptions withBaseDirectory(Path value) {
        return new EmbeddedStackOptions(
                value,
                runName,
                database,
                elasticsearchHeap,
                localRepository,
                remoteRepository,
                unprivilegedUid,
                owner,
                awaitElasticsearch,
                startupTimeout);
    }

    public EmbeddedStackOptions withRunName(String value) {
        return new EmbeddedStackOptions(
                baseDirectory,
                value,
                database,
                elasticsearchHeap,
                localRepository,
                remoteRepository,
                unprivilegedUid,
                owner,
                awaitElasticsearch,
                startupTimeout);
    }

    public EmbeddedStackOptions withElasticsearchHeap(String value) {
        return new EmbeddedStackOptions(
                baseDirectory,
                runName,
                database,
                value,
                localRepository,
                remoteRepository,
                unprivilegedUid,
                owner,
                awaitElasticsearch,
                startupTimeout);
    }

    public EmbeddedStackOptions withLocalRepository(Path value) {
        return new EmbeddedStackOptions(
                baseDirectory,
                runName,
                database,
                elasticsearchHeap,
                value,
                remoteRepository,
                unprivilegedUid,
                owner,
                awaitElasticsearch,
                startupTimeout);
    }

    public EmbeddedStackOptions withOwner(ProcessHandle value) {
        return new EmbeddedStackOptions(
                baseDirectory,
                runName,
                database,
                elasticsearchHeap,
                localRepository,
                remoteRepository,
                unprivilegedUid,
                value,
                awaitElasticsearch,
                startupTimeout);
    }

    public EmbeddedStackOptions withAwaitElasticsearch(boolean value) {
        return new EmbeddedStackOptions(
                baseDirectory,
                runName,
                database,
                elasticsearchHeap,
                localRepository,
                remoteRepository,
                unprivilegedUid,
                owner,
                value,
                startupTimeout);
    }
}
