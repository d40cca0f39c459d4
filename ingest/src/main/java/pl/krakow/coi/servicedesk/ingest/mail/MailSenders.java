package pl.krakow.coi.servicedesk.ingest.mail;

import java.util.Optional;

/** Who wrote a mail, as the people register knows them. */
interface MailSenders {

    /** The register's person with this address (case-insensitive), if any. */
    Optional<Known> byEmail(String email);

    /** The address of the register's person with this username, if they have one. */
    Optional<String> emailOf(String username);

    /**
     * A person of the register.
     *
     * @param unit their unit's code, or null
     */
    record Known(String username, String displayName, String unit) {}
}
