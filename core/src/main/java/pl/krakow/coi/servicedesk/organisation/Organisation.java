package pl.krakow.coi.servicedesk.organisation;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

/** Questions about the structure: who reports to whom, which units receive tickets. */
@Service
public class Organisation implements ReportingLines {

    /** The Director's position. */
    public static final String DIRECTOR = "COI-DYR";

    private final Units units;

    Organisation(Units units) {
        this.units = units;
    }

    /** Every unit, active or not. */
    public java.util.List<Unit> units() {
        return units.findAll();
    }

    public Unit require(String code) {
        return units.find(code).orElseThrow(() -> ServiceDeskException.notFound("Unit", code));
    }

    /** The active unit {@code code}, if it may receive an escalated ticket; otherwise a clear refusal. */
    public Unit requireEscalationTarget(String code) {
        Unit unit = units.find(code)
                .orElseThrow(() -> new ServiceDeskException(
                        ServiceDeskException.Kind.RULE_VIOLATION,
                        "unknown-unit",
                        "Unknown unit",
                        "There is no unit " + code));
        if (!unit.active() || !unit.supportRole().receivesEscalations()) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.RULE_VIOLATION,
                    "unit-does-not-take-tickets",
                    "Unit does not take tickets",
                    unit.code() + " (" + unit.nameEn() + ") is not a support unit that tickets can be passed to",
                    java.util.Map.of(
                            "unit",
                            unit.code(),
                            "supportRole",
                            unit.supportRole().name()));
        }
        return unit;
    }

    /**
     * The deputy director over a unit (I Deputy for IT-02-x and IT-05-x, III Deputy for IT-04-x), or
     * the Director for units reporting to the Director directly.
     */
    public Optional<Unit> deputyOver(String code) {
        Set<String> seen = new HashSet<>();
        Optional<Unit> current = units.find(code);
        while (current.isPresent() && seen.add(current.get().code())) {
            String parent = current.get().parentCode();
            if (parent == null) {
                return Optional.empty();
            }
            Optional<Unit> up = units.find(parent);
            if (up.isPresent() && up.get().isManagement()) {
                return up;
            }
            current = up;
        }
        return Optional.empty();
    }

    @Override
    public Set<String> unitsUnder(String code) {
        Set<String> under = new java.util.LinkedHashSet<>(units.subtree(code));
        under.add(code);
        return under;
    }

    /** Whether a manager's position sees everything (the Director and the deputies). */
    public static boolean isDirectorOrDeputy(String unitCode) {
        return unitCode != null && (unitCode.equals(DIRECTOR) || unitCode.matches("COI-Z[123]"));
    }
}
