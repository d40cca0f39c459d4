package pl.krakow.coi.servicedesk.ticket;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEvent;
import pl.krakow.coi.servicedesk.ticket.domain.TicketNumber;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;

/** Maps ticket state, events and comments to the API's representations. */
@Mapper
interface TicketViewMapper {

    @Mapping(target = "allowedActions", source = "allowed")
    @Mapping(target = "contributed", source = "contributed")
    @Mapping(target = "resolution", source = "state.resolution")
    TicketDtos.TicketView toView(TicketState state, Set<TicketAccess.Action> allowed, Map<String, Object> contributed);

    @Mapping(target = "requesterName", source = "requester.displayName")
    @Mapping(target = "requesterUnit", source = "requester.customerUnit")
    TicketDtos.TicketSummary toSummary(TicketState state);

    @Mapping(target = "unit", source = "customerUnit")
    TicketDtos.RequesterView toView(Requester requester);

    default TicketDtos.EventView toView(Tickets.StoredEvent stored) {
        TicketEvent event = stored.event();
        Map<String, TicketDtos.ChangeView> changes = event.changes().entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        e -> new TicketDtos.ChangeView(
                                e.getValue().from(), e.getValue().to()),
                        (a, b) -> a,
                        java.util.TreeMap::new));
        return new TicketDtos.EventView(
                stored.seq(), event.type().name(), toView(event.actor()), event.occurredAt(), changes, event.data());
    }

    default TicketDtos.CommentView toView(Comment comment) {
        return new TicketDtos.CommentView(
                comment.id(),
                toView(comment.author()),
                comment.visibility().name(),
                comment.body(),
                comment.createdAt());
    }

    default TicketDtos.ActorView toView(Actor actor) {
        return new TicketDtos.ActorView(
                actor.username(),
                actor.displayName(),
                unit(actor.unit()),
                actor.kind().name());
    }

    default String number(TicketNumber number) {
        return number == null ? null : number.value();
    }

    default String unit(UnitCode unit) {
        return unit == null ? null : unit.value();
    }

    default String unit(Optional<UnitCode> unit) {
        return unit.map(UnitCode::value).orElse(null);
    }

    default List<String> units(Set<UnitCode> units) {
        return units.stream().map(UnitCode::value).sorted().toList();
    }

    default List<String> actions(Set<TicketAccess.Action> actions) {
        return actions.stream()
                .map(a -> a.name().toLowerCase().replace('_', '-'))
                .sorted()
                .toList();
    }

    default String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
