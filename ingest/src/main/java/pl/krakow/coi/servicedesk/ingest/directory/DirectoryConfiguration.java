package pl.krakow.coi.servicedesk.ingest.directory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.ConditionalOnWorkerRole;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

/** Wiring of the directory sync: its properties, the schedule on worker instances, the admin trigger. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DirectoryProperties.class)
class DirectoryConfiguration {

    /** The nightly sync, on worker instances (one replica runs it: an advisory lock). */
    static class ScheduledSync {

        private static final Logger log = LoggerFactory.getLogger(ScheduledSync.class);
        private final DirectorySync sync;

        ScheduledSync(DirectorySync sync) {
            this.sync = sync;
        }

        @Scheduled(cron = "${servicedesk.ingest.directory.cron:0 30 5 * * *}", zone = "Europe/Warsaw")
        void run() {
            if (!sync.configured()) {
                return;
            }
            try {
                sync.sync();
            } catch (ServiceDeskException e) {
                log.warn("Directory sync failed, nothing changed: {}", e.getMessage());
            }
        }
    }

    @Bean
    @ConditionalOnWorkerRole
    ScheduledSync scheduledDirectorySync(DirectorySync sync) {
        return new ScheduledSync(sync);
    }

    /** {@code POST /api/v1/ingest/directory/sync}: an admin synchronises now. */
    @RestController
    static class DirectorySyncController {

        private final DirectorySync sync;

        DirectorySyncController(DirectorySync sync) {
            this.sync = sync;
        }

        @PostMapping("/api/v1/ingest/directory/sync")
        @PreAuthorize("hasRole('ADMIN')")
        DirectorySync.Report syncNow() {
            return sync.sync()
                    .orElseThrow(() -> new ServiceDeskException(
                            ServiceDeskException.Kind.CONFLICT,
                            "directory-sync-running",
                            "Sync running",
                            "Another replica is synchronising the directory now"));
        }
    }
}
