package pl.krakow.coi.servicedesk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Where the shared embedded stack of this Maven run listens. */
public record StackCoordinates(int postgresPort, URI elasticsearchUri, long daemonPid, Path logDirectory) {

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
    }

    public String username() {
        return "postgres";
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), username(), "");
    }

    void write(Path file) {
        Properties properties = new Properties();
        properties.setProperty("postgres.port", Integer.toString(postgresPort));
        properties.setProperty("elasticsearch.uri", elasticsearchUri.toString());
        properties.setProperty("daemon.pid", Long.toString(daemonPid));
        properties.setProperty("logs", logDirectory.toString());
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (var out = Files.newOutputStream(temporary)) {
                properties.store(out, "embedded stack of this Maven run");
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StackCoordinates read(Path file) throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return new StackCoordinates(
                Integer.parseInt(properties.getProperty("postgres.port")),
                URI.create(properties.getProperty("elasticsearch.uri")),
                Long.parseLong(properties.getProperty("daemon.pid")),
                Path.of(properties.getProperty("logs")));
    }
}
