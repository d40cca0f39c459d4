/** Daily KPI snapshots: a Spring Batch job, its daily schedule on the worker role, history and month-over-month. */
package pl.krakow.coi.servicedesk.reporting.snapshot;
