package pl.krakow.coi.servicedesk.ticket;

import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;

/**
 * Remote hands as the providing unit's queue (§13.8): the unit's tasks by due time, assignment to a
 * person of the unit, cancellation by the requesting side. Requesting and completing a task are in
 * {@link TicketController}.
 */
@RestController
class RemoteHandsController {

    private final RemoteHandsQueue queue;
    private final CurrentUsers currentUsers;

    RemoteHandsController(RemoteHandsQueue queue, CurrentUsers currentUsers) {
        this.queue = queue;
        this.currentUsers = currentUsers;
    }

    record AssignTaskRequest(@Size(max = 100) String assignee) {}

    record CancelTaskRequest(@Size(max = 20000) String reason) {}

    /**
     * A unit's remote-hands tasks, soonest due first: {@code unit} (default: the caller's), {@code open}
     * (true: open ones, false: done or cancelled, absent: all), {@code assignee} ({@code me}, a username or
     * {@code none}).
     */
    @GetMapping("/api/v1/remote-hands")
    RemoteHandsTasks.Page list(
            @RequestParam(required = false) String unit,
            @RequestParam(required = false) Boolean open,
            @RequestParam(required = false) String assignee,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return queue.queue(unit, open, assignee, page, size, currentUsers.current());
    }

    @PostMapping("/api/v1/tickets/{ref}/remote-hands/{taskId}/assign")
    RemoteHandsTask assign(
            @PathVariable String ref,
            @PathVariable long taskId,
            @RequestBody(required = false) @jakarta.validation.Valid AssignTaskRequest request) {
        return queue.assign(ref, taskId, request == null ? null : request.assignee(), currentUsers.current());
    }

    @PostMapping("/api/v1/tickets/{ref}/remote-hands/{taskId}/cancel")
    RemoteHandsTask cancel(
            @PathVariable String ref,
            @PathVariable long taskId,
            @RequestBody @jakarta.validation.Valid CancelTaskRequest request) {
        return queue.cancel(ref, taskId, request.reason(), currentUsers.current());
    }
}
