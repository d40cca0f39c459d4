package pl.krakow.coi.servicedesk.ingest.batch;

import java.util.Map;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

/**
 * A file that cannot be imported at all: wrong header, wrong encoding, not CSV. The launch is refused
 * (400) or, found while the job reads, the job fails at once; the message names the problem.
 */
class FileRejected extends ServiceDeskException {

    public FileRejected(String type, String detail, Map<String, ?> properties) {
        super(Kind.INVALID_INPUT, type, "File rejected", detail, properties);
    }

    public static FileRejected wrongHeader(String detail, Map<String, ?> properties) {
        return new FileRejected("wrong-header", detail, properties);
    }

    public static FileRejected wrongEncoding(String detail) {
        return new FileRejected("wrong-encoding", detail, Map.of());
    }
}
