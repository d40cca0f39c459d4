package pl.krakow.coi.servicedesk.ingest.batch;

/**
 * A row that cannot be imported, and why: the step skips it and the skip report lists it. Thrown by
 * readers (a row that is not CSV of the header's shape), processors (a value that is wrong) and writers
 * (a row the target refuses, e.g. an ambiguous device identity).
 *
 * @see SkipReport
 */
public class RowRejected extends RuntimeException {

    private final long row;
    private final String field;
    private final String value;

    public RowRejected(long row, String field, String value, String reason) {
        super(reason);
        this.row = row;
        this.field = field;
        this.value = value == null || value.length() <= 500 ? value : value.substring(0, 500) + "…";
    }

    /** The line of the file where the row starts (the header is line 1). */
    public long row() {
        return row;
    }

    /** The column at fault; null when the row as a whole is. */
    public String field() {
        return field;
    }

    public String value() {
        return value;
    }

    public String reason() {
        return getMessage();
    }

    /** The rejection behind {@code failure}, if any (the step may wrap it). */
    public static RowRejected in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RowRejected rejected) {
                return rejected;
            }
        }
        return null;
    }
}
