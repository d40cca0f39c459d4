package pl.krakow.coi.servicedesk.ticket.domain;

import java.util.Optional;

/**
 * The person a ticket is for, and the customer unit they work in. An external requester (someone the people register
 * does not know, who wrote to the desk by e-mail) has the username {@code mail:<address>}.
 */
public record Requester(String username, String displayName, Optional<UnitCode> customerUnit) {

    /** The username prefix of an external requester. */
    public static final String EXTERNAL_PREFIX = "mail:";

    public Requester {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("A requester needs a username");
        }
        displayName = displayName == null || displayName.isBlank() ? username : displayName;
        customerUnit = customerUnit == null ? Optional.empty() : customerUnit;
    }

    /** A requester known only by an e-mail address. */
    public static Requester external(String email, String displayName) {
        return new Requester(
                EXTERNAL_PREFIX + email.trim().toLowerCase(java.util.Locale.ROOT), displayName, Optional.empty());
    }

    /** Whether the requester is known only by an e-mail address. */
    public boolean knownOnlyByEmail() {
        return username.startsWith(EXTERNAL_PREFIX);
    }

    /** An external requester's address, or empty. */
    public Optional<String> externalEmail() {
        return knownOnlyByEmail() ? Optional.of(username.substring(EXTERNAL_PREFIX.length())) : Optional.empty();
    }
}
