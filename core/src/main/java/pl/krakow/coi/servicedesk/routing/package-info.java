/**
 * Routing by competence: for a ticket or free text, the competent units ranked with the reasons for
 * each (category mapping, the affected CI's supporting unit, explainable Polish text classification).
 */
package pl.krakow.coi.servicedesk.routing;
