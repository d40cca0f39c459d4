package pl.krakow.coi.servicedesk.organisation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An organisational unit.
 *
 * @param code e.g. {@code IT-04-2}, {@code COI-Z3}, {@code KP-01}
 * @param parentCode the unit it reports to (a deputy, the Director, a division); null at the top
 * @param supportRole its role in ticket handling
 * @param ordinanceRef where its competence is defined
 * @param version optimistic-lock version (the ETag)
 */
public record Unit(
        @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{0,19}")
        String code,

        @NotBlank @Size(max = 300) String namePl,
        @NotBlank @Size(max = 300) String nameEn,
        @NotNull Kind kind,
        @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{0,19}") String parentCode,
        @NotNull SupportRole supportRole,
        @Size(max = 60) String ordinanceRef,
        boolean active,
        long version) {

    /** What a unit is. */
    public enum Kind {
        /** The Director and the deputy directors. */
        MANAGEMENT,
        /** An internal unit of the Centre. */
        COI_UNIT,
        /** A City Hall department or city organisational unit that files tickets. */
        CUSTOMER
    }

    /** A unit's role in ticket handling. */
    public enum SupportRole {
        FIRST_LINE,
        SECOND_LINE,
        SECURITY,
        /** Receives tickets within its competence without being a support line (IT-04-3). */
        COMPETENCE,
        NONE;

        /** Whether the first line may escalate tickets to a unit of this role. */
        public boolean receivesEscalations() {
            return this == SECOND_LINE || this == SECURITY || this == COMPETENCE;
        }
    }

    /** Whether this is a deputy director or the Director (the targets of hierarchical escalation). */
    public boolean isManagement() {
        return kind == Kind.MANAGEMENT;
    }
}
