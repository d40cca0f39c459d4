/** Cross-cutting infrastructure shared by every capability: Elasticsearch client, problem details, security. */
package pl.krakow.coi.servicedesk.platform;
