package pl.krakow.coi.servicedesk.platform;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure of the PostgreSQL connection (the server restarting, shutting down or unreachable, a
 * connection closed under a transaction, the pool exhausted) from a failure of the request itself. The
 * former is answered 503 {@code database-unavailable} with {@code Retry-After}: the same request may
 * succeed a moment later.
 */
public final class DatabaseUnavailable {

    /** The number of seconds a client is asked to wait before it retries. */
    public static final int RETRY_AFTER_SECONDS = 2;

    private DatabaseUnavailable() {}

    /** Whether {@code failure}, or any of its causes, is the loss of the database connection. */
    public static boolean explains(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
            if (cause instanceof TransactionSystemException transaction) {
                // A JDBC commit or rollback that failed: the connection is gone (Hikari's "Connection is
                // closed" carries no SQL state); the failure that caused the rollback says more, if any.
                if ((transaction.getCause() instanceof SQLException sql && sql.getSQLState() == null)
                        || (transaction.getApplicationException() != null
                                && explains(transaction.getApplicationException()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * SQL states of a lost connection: class 08 (connection exception), 57P01-57P03 (the server is shutting
     * down, crashed or is starting) and 53300 (too many connections).
     */
    private static boolean isConnectionState(String state) {
        return state != null
                && (state.startsWith("08")
                        || state.equals("57P01")
                        || state.equals("57P02")
                        || state.equals("57P03")
                        || state.equals("53300"));
    }
}
