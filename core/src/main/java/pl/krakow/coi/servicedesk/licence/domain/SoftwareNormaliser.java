package pl.krakow.coi.servicedesk.licence.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The active rules in order; the first that matches a name decides what it is. */
public final class SoftwareNormaliser {

    private final List<NormalisationRule.Compiled> rules;

    public SoftwareNormaliser(List<NormalisationRule> rules) {
        this.rules = rules.stream()
                .filter(NormalisationRule::active)
                .sorted(Comparator.comparingInt(NormalisationRule::position)
                        .thenComparing(r -> r.id() == null ? Long.MAX_VALUE : r.id()))
                .map(NormalisationRule::compile)
                .toList();
    }

    /** What the raw name is; a name that is blank after cleaning is unmatched. */
    public Normalisation normalise(String rawName) {
        Optional<String> name = SoftwareName.clean(rawName);
        if (name.isEmpty()) {
            return new Normalisation.Unmatched();
        }
        for (NormalisationRule.Compiled rule : rules) {
            Optional<Normalisation> result = rule.apply(name.get());
            if (result.isPresent()) {
                return result.get();
            }
        }
        return new Normalisation.Unmatched();
    }
}
