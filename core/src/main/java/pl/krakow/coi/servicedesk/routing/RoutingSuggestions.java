package pl.krakow.coi.servicedesk.routing;

import java.time.Instant;
import java.util.List;

/**
 * Competent units for a ticket, best first, each with its score (0–1) and the reasons.
 *
 * @param model what the text classification was trained on
 */
public record RoutingSuggestions(List<UnitSuggestion> suggestions, ModelInfo model) {

    public record UnitSuggestion(String unit, String unitName, double score, List<Reason> reasons) {}

    /**
     * Why a unit is suggested.
     *
     * @param kind {@code CATEGORY} (the ticket's category maps to it), {@code CONFIGURATION_ITEM} (it
     *     supports the affected item) or {@code TEXT} (the text resembles its categories)
     * @param words the ticket's words that speak for it (TEXT)
     * @param categories the categories the text resembles, with probabilities (TEXT)
     * @param similarTickets past tickets of the unit that resemble the text (TEXT)
     */
    public record Reason(
            String kind,
            String detail,
            List<String> words,
            List<CategoryMatch> categories,
            List<String> similarTickets) {}

    public record CategoryMatch(String code, String name, double probability) {}

    public record ModelInfo(Instant trainedAt, int categories, int trainingDocuments, int pastTickets) {}
}
