package pl.krakow.coi.servicedesk.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.Flyway;

/**
 * One database per integration-test class, cloned from a template migrated once per test JVM, and
 * one Elasticsearch index prefix per class: test classes never see each other's data.
 */
public final class TestDatabases {

    private static final long JVM = ProcessHandle.current().pid();
    private static String template;

    private TestDatabases() {}

    /** The database name of a test class (of its outermost class, for nested tests). */
    public static String databaseFor(Class<?> testClass) {
        return "it_" + JVM + "_" + key(testClass);
    }

    /** The Elasticsearch index prefix of a test class. */
    public static String indexPrefixFor(Class<?> testClass) {
        return "it-" + JVM + "-" + key(testClass);
    }

    private static String key(Class<?> testClass) {
        Class<?> outer = testClass;
        while (outer.getEnclosingClass() != null) {
            outer = outer.getEnclosingClass();
        }
        String simple = outer.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (simple.length() > 30) {
            simple = simple.substring(0, 30);
        }
        return simple + "_" + Integer.toHexString(outer.getName().hashCode());
    }

    /** Creates the class's database from the migrated template, unless it exists. */
    public static synchronized String create(Class<?> testClass) {
        StackCoordinates stack = SharedStack.get();
        String name = databaseFor(testClass);
        try (Connection connection = stack.connect("postgres");
                Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + name + " TEMPLATE " + template(stack));
            }
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + ": " + e.getMessage(), e);
        }
    }

    public static void drop(Class<?> testClass) {
        StackCoordinates stack = SharedStack.get();
        try (Connection connection = stack.connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + databaseFor(testClass) + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop test database: " + e.getMessage(), e);
        }
    }

    private static String template(StackCoordinates stack) throws SQLException {
        if (template == null) {
            String name = "tmpl_" + JVM;
            try (Connection connection = stack.connect("postgres");
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                statement.execute("CREATE DATABASE " + name);
            }
            Flyway.configure()
                    .dataSource(stack.jdbcUrl(name), stack.username(), "")
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            template = name;
        }
        return template;
    }
}
