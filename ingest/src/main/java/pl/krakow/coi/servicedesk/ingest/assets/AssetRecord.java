package pl.krakow.coi.servicedesk.ingest.assets;

import pl.krakow.coi.servicedesk.cmdb.CiDetails;
import pl.krakow.coi.servicedesk.cmdb.domain.CiStatus;

/**
 * One checked row of an asset file: the item's details as the CMDB would store them (identifiers
 * normalised, class attributes in canonical form, the class's default supporting unit filled) and which of
 * the optional columns the row gave (an update changes only those).
 *
 * @param line the row's line in the file
 * @param status the status of a new item (an existing item keeps its own: lifecycle moves need reasons)
 */
record AssetRecord(long line, CiDetails details, CiStatus status, java.util.Set<String> given) {}
