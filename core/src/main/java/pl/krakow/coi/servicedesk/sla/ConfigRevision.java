package pl.krakow.coi.servicedesk.sla;

import java.time.Instant;

/** One change of the SLA configuration by an admin (or the initial migration): the audit of edits. */
record ConfigRevision(
        long revision, String kind, String code, String action, String changedBy, Instant changedAt, String summary) {}
