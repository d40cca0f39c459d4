package pl.krakow.coi.servicedesk.licence.domain;

/** What a raw software name is, by the rules. */
public sealed interface Normalisation permits Normalisation.Matched, Normalisation.Ignored, Normalisation.Unmatched {

    /** A catalogue product; {@code version} null when the rule extracts none. */
    record Matched(String publisher, String product, String version, Long ruleId, boolean licenceRequired)
            implements Normalisation {}

    /** Noise an IGNORE rule recognised. */
    record Ignored(Long ruleId) implements Normalisation {}

    /** No rule matched: waiting for review. */
    record Unmatched() implements Normalisation {}
}
