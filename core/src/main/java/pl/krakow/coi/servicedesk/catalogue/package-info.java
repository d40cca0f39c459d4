/**
 * The service catalogue: categories (Polish names, English descriptions), each mapped to the unit
 * whose competence covers it. Data, editable by admins, not code.
 */
package pl.krakow.coi.servicedesk.catalogue;
