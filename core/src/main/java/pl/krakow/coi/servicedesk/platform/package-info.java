/** Cross-cutting infrastructure shared by every capability: Elasticsearch client, problem details, security. */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package pl.krakow.coi.servicedesk.platform;

import org.springframework.modulith.ApplicationModule;
