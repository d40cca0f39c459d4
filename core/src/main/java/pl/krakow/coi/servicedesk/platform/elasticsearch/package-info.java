/** The Elasticsearch 8.19 Java client, wired by hand (Boot 4.1 expects a 9.x client), and its health. */
package pl.krakow.coi.servicedesk.platform.elasticsearch;
