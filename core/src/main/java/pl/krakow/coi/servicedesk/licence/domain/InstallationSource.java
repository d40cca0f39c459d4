package pl.krakow.coi.servicedesk.licence.domain;

/** Where an installation is known from. */
public enum InstallationSource {
    /** An inventory agent on the device. */
    AGENT,
    /** A file or another system's export. */
    IMPORT,
    /** Recorded by hand by the licence or CMDB admin. */
    MANUAL;

    /** Whether a report of this source replaces the previous report (and ends what is missing from it). */
    public boolean reported() {
        return this != MANUAL;
    }
}
