package pl.krakow.coi.servicedesk.cmdb;

import pl.krakow.coi.servicedesk.cmdb.domain.AttributeSchema;
import pl.krakow.coi.servicedesk.cmdb.domain.ClassKind;

/**
 * A class of configuration items: data, not code. A CMDB admin adds classes with their attribute schema.
 *
 * @param code e.g. {@code WORKSTATION}
 * @param defaultSupportingUnit the unit that supports an item of this class unless the item names another
 * @param lifecycleUnit the unit whose agents run the asset lifecycle of this class (IT-04-2 for workstation
 *     assets); null when only CMDB admins do
 * @param builtin shipped with the application (its code stays)
 * @param version optimistic-lock version (the ETag)
 */
public record CiClass(
        String code,
        String namePl,
        String nameEn,
        ClassKind kind,
        AttributeSchema schema,
        String defaultSupportingUnit,
        String lifecycleUnit,
        boolean builtin,
        boolean active,
        long version) {

    public CiClass {
        schema = schema == null ? AttributeSchema.empty() : schema;
    }
}
