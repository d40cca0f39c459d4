package pl.krakow.coi.servicedesk.sla;

import java.time.Instant;

/** A calendar or policy as of its latest revision, with who changed it and when. */
record Versioned<T>(T value, long revision, String changedBy, Instant changedAt) {}
