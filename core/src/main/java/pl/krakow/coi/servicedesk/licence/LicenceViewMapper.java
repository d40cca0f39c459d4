package pl.krakow.coi.servicedesk.licence;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

/** Flattens licences and compliance positions into the API's views. */
@Mapper
interface LicenceViewMapper {

    @Mapping(target = "name", source = "licence.details.name")
    @Mapping(target = "products", source = "licence.details.products")
    @Mapping(target = "metric", source = "licence.details.metric")
    @Mapping(target = "quantity", source = "licence.details.quantity")
    @Mapping(target = "unit", expression = "java(licence.details().metric().unit())")
    @Mapping(target = "validFrom", source = "licence.details.validFrom")
    @Mapping(target = "validUntil", source = "licence.details.validUntil")
    @Mapping(target = "validToday", expression = "java(licence.validOn(today))")
    @Mapping(target = "contractNumber", source = "licence.details.contractNumber")
    @Mapping(target = "vendor", source = "licence.details.vendor")
    @Mapping(target = "cost", source = "licence.details.cost")
    @Mapping(target = "currency", source = "licence.details.currency")
    @Mapping(target = "notes", source = "licence.details.notes")
    LicenceDtos.LicenceView toView(Licence licence, LocalDate today);

    @Mapping(target = "productId", source = "product.id")
    @Mapping(target = "publisher", source = "product.publisher")
    @Mapping(target = "product", source = "product.name")
    @Mapping(target = "licenceRequired", source = "product.licenceRequired")
    @Mapping(target = "status", source = "position.status")
    @Mapping(target = "installedDevices", source = "position.installedDevices")
    @Mapping(target = "assignedUsers", source = "position.assignedUsers")
    @Mapping(target = "unlicensedDevices", source = "position.unlicensedDevices")
    @Mapping(target = "overDeployed", source = "position.overDeployed")
    @Mapping(target = "unused", source = "position.unused")
    @Mapping(
            target = "expiring",
            expression = "java(new LicenceDtos.Expiring(position.position().expiring30(),"
                    + " position.position().expiring60(), position.position().expiring90()))")
    @Mapping(target = "lines", source = "position.lines")
    LicenceDtos.PositionView toView(Compliance.ProductPosition position);

    default List<Long> sorted(Set<Long> ids) {
        return ids.stream().sorted().toList();
    }
}
