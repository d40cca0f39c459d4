package pl.krakow.coi.servicedesk.attachment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Where the ClamAV daemon listens and how long to wait for it ({@code servicedesk.attachments.scanner.clamd.*}).
 * Without a host there is no scanner and files are available at once.
 *
 * @param host clamd's host name or address ({@code TCPAddr}/{@code TCPSocket} of its {@code clamd.conf})
 * @param port clamd's TCP port (3310, clamd's own default)
 * @param connectTimeout the longest wait for the TCP connection
 * @param readTimeout the longest clamd may stay silent: while it takes one chunk of the file, and after the last
 *     chunk while it scans the whole file (a large archive takes a while); then the scan gives no verdict
 * @param chunkSize the bytes sent in one INSTREAM chunk
 */
@ConfigurationProperties("servicedesk.attachments.scanner.clamd")
record ClamdProperties(String host, Integer port, Duration connectTimeout, Duration readTimeout, DataSize chunkSize) {

    ClamdProperties {
        port = port == null ? 3310 : port;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
        chunkSize = chunkSize == null ? DataSize.ofKilobytes(64) : chunkSize;
        if (chunkSize.toBytes() < 1 || chunkSize.toBytes() > Integer.MAX_VALUE - 4) {
            throw new IllegalArgumentException("servicedesk.attachments.scanner.clamd.chunk-size must be between 1B"
                    + " and 2GB, not " + chunkSize);
        }
    }
}
