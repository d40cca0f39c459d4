/**
 * The directory sync: people and organisational units from the City Hall's HR/organisation directory over
 * HTTP (docs/ingest/directory.md) into the people register and the customer units.
 */
package pl.krakow.coi.servicedesk.ingest.directory;
