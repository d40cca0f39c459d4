package pl.krakow.coi.servicedesk.cmdb;

import java.util.List;

/**
 * A search of the CMDB. Null or empty means "any"; merged duplicates are never listed.
 *
 * @param unit owner or supporting unit
 * @param text part of the name, hostname, inventory or serial number, or the assigned person's name
 * @param page zero-based page
 * @param size page size, 1 to {@value #MAX_SIZE}
 * @param sort {@code name} (default), {@code updated} (latest first) or {@code id}
 */
record CiFilter(
        List<String> classes,
        List<String> statuses,
        String unit,
        String ownerUnit,
        String supportingUnit,
        String building,
        String room,
        String assignedTo,
        String text,
        int page,
        int size,
        String sort) {

    public static final int MAX_SIZE = 100;

    public CiFilter {
        classes = classes == null ? List.of() : List.copyOf(classes);
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }

    public static CiFilter all(int page, int size) {
        return new CiFilter(null, null, null, null, null, null, null, null, null, page, size, "name");
    }
}
