/**
 * The software and licence register (IT-04-3, §14): the software catalogue and the rules that normalise
 * reported names, installations on configuration items, licences with their assignments, and the compliance
 * position per product, kept current automatically.
 */
@ApplicationModule(allowedDependencies = {"cmdb", "cmdb :: domain", "organisation", "platform"})
package pl.krakow.coi.servicedesk.licence;

import org.springframework.modulith.ApplicationModule;
