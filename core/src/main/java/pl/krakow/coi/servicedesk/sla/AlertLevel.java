package pl.krakow.coi.servicedesk.sla;

/** The alerts of a target: a warning at {@value SlaPolicy#WARNING_PERCENT} % of it, a breach at 100 %. */
enum AlertLevel {
    WARNING,
    BREACH
}
