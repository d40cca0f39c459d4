package pl.krakow.coi.servicedesk.licence.domain;

/** Where a product stands. */
public enum ComplianceStatus {
    /** Consumption within the entitlements (or nothing to license). */
    COMPLIANT,
    /** More consumed than licensed. */
    OVER_DEPLOYED,
    /** Installed, needs a licence, and no valid licence covers it. */
    UNLICENSED,
    /** Free software, or covered by something else: no licence needed. */
    NOT_REQUIRED
}
