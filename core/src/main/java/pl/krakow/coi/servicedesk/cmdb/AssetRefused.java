package pl.krakow.coi.servicedesk.cmdb;

/**
 * A row of a bulk upsert that the CMDB's rules refuse ({@link CiBulkUpsert}): nothing of the chunk was
 * written. The caller skips the row and tries the rest.
 *
 * @param line the row's {@link DiscoveredAsset#line()}
 * @param field the field at fault ({@code identity}, {@code class}, {@code warrantyUntil}, {@code macAddresses})
 * @param value the value at fault
 */
public final class AssetRefused extends RuntimeException {

    private final long line;
    private final String field;
    private final String value;

    AssetRefused(long line, String field, String value, String reason) {
        super(reason);
        this.line = line;
        this.field = field;
        this.value = value;
    }

    public long line() {
        return line;
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }

    public String reason() {
        return getMessage();
    }
}
