/** The licence import from CSV: licences registered or updated in the licence register, once per key. */
package pl.krakow.coi.servicedesk.ingest.licences;
