/** The CI/asset import from CSV: devices upserted through the CMDB's identity rules, in bulk (ADR 0051). */
package pl.krakow.coi.servicedesk.ingest.assets;
