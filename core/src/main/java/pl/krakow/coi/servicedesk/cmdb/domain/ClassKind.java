package pl.krakow.coi.servicedesk.cmdb.domain;

/** What a class of items is. */
public enum ClassKind {
    /** A physical or virtual device, usually an asset with an inventory number. */
    HARDWARE,
    /** An application or a database. */
    SOFTWARE,
    /** A business service: what impact analysis reports as affected services. */
    SERVICE
}
