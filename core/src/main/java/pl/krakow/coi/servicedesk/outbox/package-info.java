/** The transactional outbox: a row per changed aggregate, written in the same transaction as the change. */
package pl.krakow.coi.servicedesk.outbox;
