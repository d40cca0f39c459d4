package pl.krakow.coi.servicedesk.cmdb.domain;

/**
 * How two items are related. A relationship points from the item that needs to the item it needs (a VM
 * runs on a host, an application depends on a database, a workstation is connected to a switch, software
 * is installed on a server, a service uses an application) — except {@link #PART_OF}, which points from a
 * component to the whole. A failure therefore spreads against the arrow, and along it for PART_OF.
 */
public enum RelationshipType {
    RUNS_ON("runs on"),
    DEPENDS_ON("depends on"),
    CONNECTED_TO("is connected to"),
    INSTALLED_ON("is installed on"),
    PART_OF("is part of"),
    USES("uses");

    private final String phrase;

    RelationshipType(String phrase) {
        this.phrase = phrase;
    }

    /** "runs on", for sentences such as "VM-17 runs on ESX-03". */
    public String phrase() {
        return phrase;
    }

    /** Whether a failure of the source affects the target (a broken part degrades the whole). */
    public boolean failureSpreadsAlong() {
        return this == PART_OF;
    }
}
