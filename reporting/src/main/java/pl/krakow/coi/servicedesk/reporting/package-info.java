/** Reporting: KPI definitions and queries, daily snapshots, exports and the management dashboard (docs/kpis.md). */
package pl.krakow.coi.servicedesk.reporting;
