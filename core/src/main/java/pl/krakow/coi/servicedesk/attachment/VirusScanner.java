package pl.krakow.coi.servicedesk.attachment;

import java.io.InputStream;

/**
 * Scans a file's content for malware. The attachment pipeline asks it about every new file while the file is
 * {@code PENDING_SCAN}; a file is downloadable only after a clean verdict. When no scanner is configured there is
 * no bean of this type and files are available at once.
 */
interface VirusScanner {

    /**
     * Scans the content, read to its end.
     *
     * @return the verdict
     * @throws ScannerUnavailable when the scanner cannot be reached or gives no verdict: the file keeps waiting
     */
    Verdict scan(InputStream content) throws ScannerUnavailable;

    /** What the scanner found: {@code signature} names the malware of an infected file, null when clean. */
    record Verdict(boolean infected, String signature) {

        static Verdict clean() {
            return new Verdict(false, null);
        }

        static Verdict infected(String signature) {
            return new Verdict(true, signature);
        }
    }

    /** The scanner gave no verdict (down, timed out, refused the stream): scan again later. */
    final class ScannerUnavailable extends Exception {

        ScannerUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
