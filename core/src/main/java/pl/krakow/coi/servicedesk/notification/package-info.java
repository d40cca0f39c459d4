/**
 * Notifications: people are told what happens to their tickets. Ticket events (and licence expiries) become
 * deliveries to recipients from the people register, deduplicated per (event, recipient), sent by e-mail after
 * commit, at least once, once across replicas, retried with back-off and dead-lettered; each ticket keeps a log
 * of who was told what and when.
 */
@ApplicationModule(
        allowedDependencies = {
            "ticket",
            "ticket :: domain",
            "sla",
            "attachment",
            "licence",
            "licence :: domain",
            "people",
            "organisation",
            "platform"
        })
package pl.krakow.coi.servicedesk.notification;

import org.springframework.modulith.ApplicationModule;
