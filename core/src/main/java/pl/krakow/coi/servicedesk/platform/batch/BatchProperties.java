package pl.krakow.coi.servicedesk.platform.batch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the batch platform.
 *
 * @param launcherThreads how many jobs may run at once in this replica (jobs are launched on these
 *     threads, so that an HTTP request that starts a job returns at once)
 * @param shutdownWait how long a stopping replica waits for running jobs before it interrupts them
 */
@ConfigurationProperties("servicedesk.batch")
record BatchProperties(Integer launcherThreads, Duration shutdownWait) {

    public BatchProperties {
        launcherThreads = launcherThreads == null || launcherThreads < 1 ? 2 : launcherThreads;
        shutdownWait = shutdownWait == null ? Duration.ofSeconds(10) : shutdownWait;
    }
}
