/**
 * REST adapter of the licence register: {@code /api/v1/software}, {@code /api/v1/installations},
 * {@code /api/v1/licences}, {@code /api/v1/compliance}.
 */
package pl.krakow.coi.servicedesk.licence.web;
