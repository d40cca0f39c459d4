/**
 * The embedded stack: real PostgreSQL and Elasticsearch started from Maven Central artifacts as child
 * processes, for the run command and the test suite. Nothing here is used when external URLs are
 * configured.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package pl.krakow.coi.servicedesk.embedded;

import org.springframework.modulith.ApplicationModule;
