/** The runnable application: main class, the embedded stack for local runs, start-up report. */
package pl.krakow.coi.servicedesk.app;
