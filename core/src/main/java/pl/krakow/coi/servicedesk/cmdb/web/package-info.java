/** REST adapter of the CMDB: {@code /api/v1/cis}, {@code /api/v1/ci-classes}, {@code /api/v1/relationships}. */
package pl.krakow.coi.servicedesk.cmdb.web;
