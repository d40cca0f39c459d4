package pl.krakow.coi.servicedesk.platform.web;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Once one connection turned out to be lost (PostgreSQL restarted), the others of the pool are most likely
 * lost too: they are all replaced, so the next requests get live connections instead of failing one by
 * one on the dead ones the pool hands out without checking.
 */
@Component
class ConnectionPoolRecovery {

    private static final Logger log = LoggerFactory.getLogger(ConnectionPoolRecovery.class);

    private final DataSource dataSource;

    ConnectionPoolRecovery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A connection was lost: retires every idle connection now and every busy one when it is returned. */
    public void connectionLost() {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
                if (hikari.getHikariPoolMXBean() != null) {
                    hikari.getHikariPoolMXBean().softEvictConnections();
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("Cannot evict the pool's connections", e);
        }
    }
}
