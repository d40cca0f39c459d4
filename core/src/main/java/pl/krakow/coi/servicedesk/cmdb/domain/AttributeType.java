package pl.krakow.coi.servicedesk.cmdb.domain;

/** The type of a class attribute's values. */
public enum AttributeType {
    STRING,
    INTEGER,
    DECIMAL,
    BOOLEAN,
    /** An ISO date, {@code 2026-03-31}. */
    DATE,
    /** One of the definition's {@code values}. */
    ENUM,
    /** An IPv4 or IPv6 address literal. */
    IP_ADDRESS
}
