/**
 * The KPI catalogue of docs/kpis.md: live figures from Elasticsearch aggregations on the ticket index, the
 * same figures from PostgreSQL for reconciliation, and the ports to the CMDB and licence register.
 */
package pl.krakow.coi.servicedesk.reporting.kpi;
