/**
 * The legacy ticket import: a ServiceNow-style incident export (one row per update) staged, then each
 * ticket registered with its whole history at its original times, once (ADR 0052).
 */
package pl.krakow.coi.servicedesk.ingest.legacy;
