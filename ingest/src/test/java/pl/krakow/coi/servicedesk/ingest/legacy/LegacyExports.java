package pl.krakow.coi.servicedesk.ingest.legacy;

import java.util.List;
import java.util.Map;

/** ServiceNow-style incident exports for the legacy ticket import's tests: one row per update of a ticket. */
final class LegacyExports {

    static final String HEADER = "number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,"
            + "caller_id,opened_at,contact_type,category,subcategory,impact,urgency,priority,assignment_group,"
            + "assigned_to,sys_updated_at,resolved_at,closed_at,short_description\n";

    static final String LONG_NAME = "Resolver " + "x".repeat(120);

    /** Our groups for the exports: the old Service Desk group is the first line. */
    static final Map<String, Object> GROUPS =
            Map.of("Service Desk", "IT-02-2", "Group 24", "IT-04-2", "Network", "IT-04-4");

    private LegacyExports() {}

    /**
     * Six tickets, rows of one ticket out of order and between other tickets' rows, and five malformed rows:
     *
     * <ul>
     *   <li>INC0000045: a printer failure resolved by the first line, closed days later (P3);
     *   <li>INC0000046: escalated to Group 24 (IT-04-2), waited for the caller overnight, resolved (P1);
     *   <li>INC0000047: resolved, then set back to work and taken by a resolver: the latest row wins;
     *   <li>INC0000048: with a group the mapping does not know;
     *   <li>INC0000049: an assignee our lifecycle refuses (too long a name);
     *   <li>INC0000050: a caller too long for the register.
     * </ul>
     */
    static String incidents() {
        return HEADER
                + row(
                        "INC0000045",
                        "New",
                        "Caller 2403",
                        "29/2/2016 01:16",
                        "2 - Medium",
                        "2 - Medium",
                        "Service Desk",
                        "?",
                        "29/2/2016 01:23",
                        "?",
                        "?")
                + row(
                        "INC0000047",
                        "Active",
                        "Caller 77",
                        "3/3/2016 08:00",
                        "3 - Low",
                        "2 - Medium",
                        "Service Desk",
                        "Resolver 7",
                        "3/3/2016 12:00",
                        "?",
                        "?")
                + row(
                        "INC0000046",
                        "Active",
                        "Caller 310",
                        "1/3/2016 09:00",
                        "1 - High",
                        "1 - High",
                        "Group 24",
                        "Resolver 12",
                        "1/3/2016 09:20",
                        "?",
                        "?")
                + row(
                        "INC0000045",
                        "Active",
                        "Caller 2403",
                        "29/2/2016 01:16",
                        "2 - Medium",
                        "2 - Medium",
                        "Service Desk",
                        "Resolver 89",
                        "29/2/2016 08:53",
                        "?",
                        "?")
                + row(
                        "INC0000090",
                        "Zamknięte",
                        "Caller 1",
                        "1/3/2016 09:00",
                        "2 - Medium",
                        "2 - Medium",
                        "Service Desk",
                        "?",
                        "1/3/2016 09:00",
                        "?",
                        "?")
                + row(
                        "INC0000046",
                        "Resolved",
                        "Caller 310",
                        "1/3/2016 09:00",
                        "1 - High",
                        "1 - High",
                        "Group 24",
                        "Resolver 12",
                        "2/3/2016 09:00",
                        "2/3/2016 09:00",
                        "?")
                + row(
                        "INC0000047",
                        "New",
                        "Caller 77",
                        "3/3/2016 08:00",
                        "3 - Low",
                        "2 - Medium",
                        "Service Desk",
                        "?",
                        "3/3/2016 08:00",
                        "?",
                        "?")
                + row(
                        "?",
                        "New",
                        "Caller 1",
                        "1/3/2016 09:00",
                        "2 - Medium",
                        "2 - Medium",
                        "Service Desk",
                        "?",
                        "1/3/2016 09:00",
                        "?",
                        "?")
                + row(
                        "INC0000046",
                        "New",
                        "Caller 310",
                        "1/3/2016 09:00",
                        "1 - High",
                        "1 - High",
                        "Service Desk",
                        "?",
                        "1/3/2016 09:05",
                        "?",
                        "?")
                + row(
                        "INC0000091",
                        "New",
                        "Caller 1",
                        "30/2/2016 10:00",
                        "2 - Medium",
                        "2 - Medium",
                        "Service Desk",
                        "?",
                        "?",
                        "?",
                        "?")
                + row(
                        "INC0000045",
                        "Closed",
                        "Caller 2403",
                        "29/2/2016 01:16",
                        "2 - Medium",
                        "2 - Medium",
                        "Service Desk",
                        "Resolver 89",
                        "5/3/2016 12:00",
                        "29/2/2016 11:29",
                        "5/3/2016 12:00")
                + row(
                        "INC0000046",
                        "Awaiting User Info",
                        "Caller 310",
                        "1/3/2016 09:00",
                        "1 - High",
                        "1 - High",
                        "Group 24",
                        "Resolver 12",
                        "1/3/2016 10:00",
                        "?",
                        "?")
                + row(
                        "INC0000092",
                        "New",
                        "Caller 1",
                        "1/3/2016 09:00",
                        "bardzo",
                        "2 - Medium",
                        "Service Desk",
                        "?",
                        "1/3/2016 09:00",
                        "?",
                        "?")
                + row(
                        "INC0000048",
                        "New",
                        "Caller 5",
                        "4/3/2016 10:00",
                        "2 - Medium",
                        "3 - Low",
                        "Service Desk",
                        "?",
                        "4/3/2016 10:00",
                        "?",
                        "?")
                + row(
                        "INC0000047",
                        "Resolved",
                        "Caller 77",
                        "3/3/2016 08:00",
                        "3 - Low",
                        "2 - Medium",
                        "Service Desk",
                        "?",
                        "3/3/2016 10:00",
                        "3/3/2016 10:00",
                        "?")
                + row(
                        "INC0000048",
                        "Active",
                        "Caller 5",
                        "4/3/2016 10:00",
                        "2 - Medium",
                        "3 - Low",
                        "Group 99",
                        "Resolver 3",
                        "4/3/2016 11:00",
                        "?",
                        "?")
                + row(
                        "INC0000093",
                        "New",
                        "Caller 1",
                        "1/3/2016 09:00",
                        "2 - Medium",
                        "2 - Medium",
                        "Service Desk",
                        "?",
                        "wczoraj",
                        "?",
                        "?")
                + row(
                        "INC0000046",
                        "Active",
                        "Caller 310",
                        "1/3/2016 09:00",
                        "1 - High",
                        "1 - High",
                        "Group 24",
                        "Resolver 12",
                        "2/3/2016 08:00",
                        "?",
                        "?")
                + row(
                        "INC0000049",
                        "Active",
                        "Caller 6",
                        "4/3/2016 10:00",
                        "2 - Medium",
                        "3 - Low",
                        "Service Desk",
                        LONG_NAME,
                        "4/3/2016 10:30",
                        "?",
                        "?")
                + row(
                        "INC0000050",
                        "New",
                        "Caller " + "y".repeat(120),
                        "4/3/2016 10:00",
                        "2 - Medium",
                        "3 - Low",
                        "Service Desk",
                        "?",
                        "4/3/2016 10:30",
                        "?",
                        "?")
                + "INC0000094,New,true,0,0,0,true,Caller 1,1/3/2016 09:00,Phone,Category 1,Subcategory 1,"
                + "2 - Medium,2 - Medium,3 - Moderate,Service Desk,?,1/3/2016 09:00,?,?,Za dużo,wartości\n";
    }

    /** The rows that must be read by the tests, by ticket. */
    static final List<String> NUMBERS = List.of("INC0000045", "INC0000046", "INC0000047", "INC0000048");

    /** A differently shaped export: other column names, semicolons, ISO-like times in UTC, {@code -} for missing. */
    static String otherSystem() {
        return "Incident ID;State;Opened;Updated;Resolved;Closed;Assignment group;Assigned to;Caller;Short description\n"
                + "SM-1;New;07.03.2016 09:15;07.03.2016 09:15;-;-;Sieć;-;jan.nowak;Brak sieci w pokoju 214\n"
                + "SM-1;Active;07.03.2016 09:15;07.03.2016 10:00;-;-;Sieć;tomasz.siec;jan.nowak;Brak sieci w pokoju 214\n"
                + "SM-2;New;07.03.2016 11:00;07.03.2016 11:00;-;-;Kadry;-;ola.kadry;Wniosek o dostęp do systemu kadr\n"
                + "SM-1;Closed;07.03.2016 09:15;09.03.2016 08:00;07.03.2016 12:30;09.03.2016 08:00;Sieć;tomasz.siec;"
                + "jan.nowak;Brak sieci w pokoju 214\n";
    }

    /** The options that read {@link #otherSystem()}. */
    static Map<String, Object> otherSystemOptions() {
        return Map.of(
                "columns",
                Map.of(
                        "number", "Incident ID",
                        "incident_state", "State",
                        "opened_at", "Opened",
                        "sys_updated_at", "Updated",
                        "resolved_at", "Resolved",
                        "closed_at", "Closed",
                        "assignment_group", "Assignment group",
                        "assigned_to", "Assigned to",
                        "caller_id", "Caller",
                        "short_description", "Short description"),
                "dateFormats",
                List.of("dd.MM.yyyy HH:mm"),
                "timeZone",
                "UTC",
                "missingValue",
                "-",
                "groups",
                Map.of("Sieć", "IT-04-4"),
                "unmappedGroups",
                "skip",
                "referencePrefix",
                "sm7:");
    }

    private static String row(
            String number,
            String state,
            String caller,
            String opened,
            String impact,
            String urgency,
            String group,
            String assignee,
            String updated,
            String resolved,
            String closed) {
        String description = number.equals("INC0000045")
                ? "Drukarka na III piętrze nie drukuje"
                : number.equals("INC0000046") ? "Brak dostępu do systemu podatkowego" : "?";
        return String.join(
                        ",",
                        number,
                        state,
                        String.valueOf(!state.equals("Closed")),
                        "0",
                        "0",
                        "1",
                        "true",
                        caller,
                        opened,
                        "Phone",
                        "Category 55",
                        "Subcategory 170",
                        impact,
                        urgency,
                        "3 - Moderate",
                        group,
                        assignee,
                        updated,
                        resolved,
                        closed,
                        description)
                + "\n";
    }
}
