/** The people register: employees with their unit, kept from the HR/organisation directory, read by staff. */
package pl.krakow.coi.servicedesk.people;
