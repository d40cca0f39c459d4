package pl.krakow.coi.servicedesk.ingest.licences;

import pl.krakow.coi.servicedesk.licence.LicenceDetails;

/**
 * One checked row of a licence file.
 *
 * @param key what identifies the licence between runs (licenceKey, else contract number and name)
 * @param publisher the publisher of {@code product}, the catalogue product the licence covers
 */
record LicenceRecord(long line, String key, String publisher, String product, LicenceDetails details) {}
