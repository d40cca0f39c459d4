package pl.krakow.coi.servicedesk.attachment;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * clamd is up when it answers {@code PING} with {@code PONG}; the details name its address and its version (with
 * that of its signature database, which tells an operator whether freshclam keeps it current). Not part of the
 * readiness group: with clamd down the service desk still takes files, which wait to be scanned.
 */
class ClamdHealthIndicator extends AbstractHealthIndicator {

    private final ClamdScanner scanner;

    ClamdHealthIndicator(ClamdScanner scanner) {
        super("clamd health check failed");
        this.scanner = scanner;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        builder.withDetail("address", scanner.address());
        String pong = scanner.ping();
        if (!pong.equals("PONG")) {
            builder.down().withDetail("answer", pong);
            return;
        }
        builder.up().withDetail("version", scanner.version());
    }
}
