package pl.krakow.coi.servicedesk.catalogue;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A category of the service catalogue.
 *
 * @param code e.g. {@code WS-PRINTER-INSTALL}
 * @param unitCode the competent unit
 * @param ticketType the typical type of tickets in it
 * @param ordinanceRef the competence point, e.g. {@code §13.1e}
 * @param keywords Polish words and phrases that signal the category
 */
public record Category(
        @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{1,39}")
        String code,

        @NotBlank @Size(max = 200) String namePl,
        @NotBlank @Size(max = 1000) String descriptionEn,
        @NotBlank @Size(max = 100) String groupPl,
        @NotBlank String unitCode,

        @NotNull @Pattern(regexp = "INCIDENT|SERVICE_REQUEST|SECURITY_INCIDENT")
        String ticketType,

        @NotBlank @Size(max = 60) String ordinanceRef,
        @NotNull List<@NotBlank @Size(max = 100) String> keywords,
        boolean active,
        long version) {

    public Category {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }
}
