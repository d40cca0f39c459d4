package pl.krakow.coi.servicedesk.ingest.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

/**
 * Uploaded files, their content in PostgreSQL large objects (ADR 0050): streamed in while hashed, streamed
 * out to a worker's spool directory when a job reads them. Every replica sees every file; nothing is held
 * in memory whole.
 */
@Repository
public class IngestFiles {

    /** A stored file. */
    public record StoredFile(
            long id, String filename, String contentType, long size, String sha256, String uploadedBy, Instant at) {}

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    IngestFiles(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /**
     * Stores a file in one transaction; refuses it (413, nothing stored) beyond {@code maxBytes}.
     */
    public StoredFile store(
            InputStream content, String filename, String contentType, long maxBytes, String by, Instant now) {
        MessageDigest sha256 = sha256();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                LargeObjectManager objects =
                        connection.unwrap(PGConnection.class).getLargeObjectAPI();
                long oid = objects.createLO(LargeObjectManager.READWRITE);
                long size = 0;
                try (LargeObject object = objects.open(oid, LargeObjectManager.WRITE);
                        OutputStream out = object.getOutputStream();
                        InputStream in = new DigestInputStream(content, sha256)) {
                    byte[] buffer = new byte[256 * 1024];
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        size += n;
                        if (size > maxBytes) {
                            throw new ServiceDeskException(
                                    ServiceDeskException.Kind.PAYLOAD_TOO_LARGE,
                                    "file-too-large",
                                    "File too large",
                                    "The file is larger than " + maxBytes + " bytes",
                                    Map.of("maxBytes", maxBytes));
                        }
                        out.write(buffer, 0, n);
                    }
                }
                String hash = HexFormat.of().formatHex(sha256.digest());
                long id;
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO ingest_file (filename, content_type, size_bytes, sha256, content, uploaded_by,
                            uploaded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
                        """)) {
                    insert.setString(1, filename);
                    insert.setString(2, contentType);
                    insert.setLong(3, size);
                    insert.setString(4, hash);
                    insert.setLong(5, oid);
                    insert.setString(6, by);
                    insert.setTimestamp(7, Timestamp.from(now));
                    try (ResultSet rs = insert.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                }
                connection.commit();
                return new StoredFile(id, filename, contentType, size, hash, by, now);
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("The upload broke off: " + e.getMessage(), e);
        }
    }

    public Optional<StoredFile> find(long id) {
        return jdbc.sql("SELECT * FROM ingest_file WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new StoredFile(
                        rs.getLong("id"),
                        rs.getString("filename"),
                        rs.getString("content_type"),
                        rs.getLong("size_bytes"),
                        rs.getString("sha256"),
                        rs.getString("uploaded_by"),
                        rs.getTimestamp("uploaded_at").toInstant()))
                .optional();
    }

    /** Copies the file's content to {@code target} (a worker's spool file). */
    public void spool(long id, Path target) {
        read(id, Long.MAX_VALUE, in -> {
            try (OutputStream out = Files.newOutputStream(target)) {
                in.transferTo(out);
            }
            return null;
        });
    }

    /** The first {@code bytes} bytes of the file (header checks at launch). */
    public byte[] head(long id, int bytes) {
        return read(id, bytes, in -> in.readNBytes(bytes));
    }

    private interface Consumer<T> {
        T accept(InputStream in) throws IOException;
    }

    private <T> T read(long id, long limit, Consumer<T> consumer) {
        long oid = jdbc.sql("SELECT content FROM ingest_file WHERE id = :id")
                .param("id", id)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> ServiceDeskException.notFound("File", id));
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                LargeObjectManager objects =
                        connection.unwrap(PGConnection.class).getLargeObjectAPI();
                try (LargeObject object = objects.open(oid, LargeObjectManager.READ);
                        InputStream in = object.getInputStream()) {
                    return consumer.accept(in);
                } finally {
                    connection.commit();
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read file " + id + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read file " + id + ": " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
