package pl.krakow.coi.servicedesk.cmdb;

import java.util.List;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import pl.krakow.coi.servicedesk.cmdb.domain.CiStatus;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/** Flattens items (details, identity) into the API's views. */
@Mapper
interface CiViewMapper {

    @Mapping(target = "classCode", source = "item.details.classCode")
    @Mapping(target = "name", source = "item.details.name")
    @Mapping(target = "inventoryNumber", source = "item.details.identity.inventoryNumber")
    @Mapping(target = "serialNumber", source = "item.details.identity.serialNumber")
    @Mapping(target = "hostname", source = "item.details.identity.hostname")
    @Mapping(target = "agentDeviceId", source = "item.details.identity.agentDeviceId")
    @Mapping(target = "hardwareUuid", source = "item.details.identity.hardwareUuid")
    @Mapping(target = "macAddresses", source = "item.details.identity.macAddresses")
    @Mapping(target = "manufacturer", source = "item.details.manufacturer")
    @Mapping(target = "model", source = "item.details.model")
    @Mapping(target = "building", source = "item.details.building")
    @Mapping(target = "room", source = "item.details.room")
    @Mapping(target = "ownerUnit", source = "item.details.ownerUnit")
    @Mapping(target = "assignedUsername", source = "item.details.assignedUsername")
    @Mapping(target = "assignedName", source = "item.details.assignedName")
    @Mapping(target = "supportingUnit", source = "item.details.supportingUnit")
    @Mapping(target = "purchaseDate", source = "item.details.purchaseDate")
    @Mapping(target = "warrantyUntil", source = "item.details.warrantyUntil")
    @Mapping(target = "cores", source = "item.details.cores")
    @Mapping(target = "attributes", source = "item.details.attributes")
    @Mapping(target = "description", source = "item.details.description")
    @Mapping(target = "allowedTransitions", source = "allowed")
    CmdbDtos.CiView toView(ConfigurationItem item, List<CiStatus> allowed);

    @Mapping(target = "classCode", source = "details.classCode")
    @Mapping(target = "name", source = "details.name")
    @Mapping(target = "hostname", source = "details.identity.hostname")
    @Mapping(target = "inventoryNumber", source = "details.identity.inventoryNumber")
    @Mapping(target = "serialNumber", source = "details.identity.serialNumber")
    @Mapping(target = "building", source = "details.building")
    @Mapping(target = "room", source = "details.room")
    @Mapping(target = "ownerUnit", source = "details.ownerUnit")
    @Mapping(target = "assignedName", source = "details.assignedName")
    @Mapping(target = "supportingUnit", source = "details.supportingUnit")
    CmdbDtos.CiSummary toSummary(ConfigurationItem item);

    @Mapping(target = "attributes", source = "schema.attributes")
    CmdbDtos.CiClassView toView(CiClass ciClass);

    CmdbDtos.RelationshipView toView(Relationship relationship);

    @Mapping(target = "number", expression = "java(ticket.number().value())")
    @Mapping(target = "type", expression = "java(ticket.type().name())")
    @Mapping(target = "status", expression = "java(ticket.status().name())")
    @Mapping(target = "priority", expression = "java(ticket.priority().name())")
    @Mapping(target = "assignedUnit", expression = "java(ticket.assignedUnit().value())")
    @Mapping(target = "open", expression = "java(ticket.status().isOpen())")
    CmdbDtos.CiTicketView toView(TicketState ticket);
}
