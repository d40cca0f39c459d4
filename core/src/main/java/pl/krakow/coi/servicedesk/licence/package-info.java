/**
 * The software and licence register (IT-04-3, §14): the software catalogue and the rules that normalise
 * reported names, installations on configuration items, licences with their assignments, and the compliance
 * position per product, kept current automatically.
 *
 * <p>Its REST adapter: {@code /api/v1/software}, {@code /api/v1/installations}, {@code /api/v1/licences},
 * {@code /api/v1/compliance}.
 */
@ApplicationModule(allowedDependencies = {"cmdb", "cmdb :: domain", "organisation", "platform"})
package pl.krakow.coi.servicedesk.licence;

import org.springframework.modulith.ApplicationModule;
