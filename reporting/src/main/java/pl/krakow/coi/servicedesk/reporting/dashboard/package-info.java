/**
 * The management dashboard (a static page under {@code /dashboard/}, served from this module's jar, with
 * Chart.js from a webjar) and the live operational gauges for Prometheus.
 */
package pl.krakow.coi.servicedesk.reporting.dashboard;
