package pl.krakow.coi.servicedesk.cmdb;

import java.time.Instant;
import pl.krakow.coi.servicedesk.cmdb.domain.RelationshipType;

/** "source type target", e.g. "VM-17 RUNS_ON ESX-03". */
record Relationship(
        long id, long sourceId, RelationshipType type, long targetId, Instant createdAt, String createdBy) {}
