package pl.krakow.coi.servicedesk.platform.web;

import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

/** Entity tags carry a resource's version: {@code "7"}; If-Match must name the current one. */
public final class ETags {

    private ETags() {}

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The version named by an If-Match header ({@code "7"}, {@code W/"7"} or {@code 7}). */
    public static long parse(String ifMatch) {
        String value = ifMatch == null ? "" : ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ServiceDeskException.invalid(
                    "malformed-if-match", "If-Match must be the ETag of the resource, e.g. \"3\"; got " + ifMatch);
        }
    }
}
