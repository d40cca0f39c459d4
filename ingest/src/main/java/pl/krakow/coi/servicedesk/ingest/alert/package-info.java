/**
 * Prometheus Alertmanager webhook (payload version 4): firing alerts open incidents on the affected CI at
 * the first line with a routing suggestion; repeats and flaps update the same incident (ADR 0053).
 */
package pl.krakow.coi.servicedesk.ingest.alert;
