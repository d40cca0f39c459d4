package pl.krakow.coi.servicedesk.ingest.directory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import pl.krakow.coi.servicedesk.organisation.CatalogueAudit;
import pl.krakow.coi.servicedesk.organisation.Unit;
import pl.krakow.coi.servicedesk.organisation.Units;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.people.Person;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Synchronises the people register and the customer units with the HR/organisation directory: reads
 * both collections whole first (a directory that cannot be read changes nothing), then in one transaction
 * upserts the organisational units as CUSTOMER units (the Centre's own units are never touched), upserts
 * the people, and deactivates the people the directory no longer lists or marks inactive (never deletes).
 * One replica at a time (a PostgreSQL advisory lock).
 */
@Service
class DirectorySync {

    static final String SOURCE = "directory";
    private static final Logger log = LoggerFactory.getLogger(DirectorySync.class);

    /** What a sync did. */
    public record Report(
            int units, int unitsChanged, int people, int peopleChanged, int deactivated, List<String> warnings) {}

    private final DirectoryProperties properties;
    private final Units units;
    private final People people;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final Clock clock;
    private final CatalogueAudit audit;

    DirectorySync(
            DirectoryProperties properties,
            Units units,
            People people,
            JdbcClient jdbc,
            TransactionTemplate transaction,
            JsonMapper json,
            Clock clock,
            CatalogueAudit audit) {
        this.audit = audit;
        this.properties = properties;
        this.units = units;
        this.people = people;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
        this.clock = clock;
    }

    public boolean configured() {
        return properties.baseUrl() != null;
    }

    /** Runs a sync now; empty when another replica is running one. */
    public Optional<Report> sync() {
        if (!configured()) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.UNAVAILABLE,
                    "directory-not-configured",
                    "Directory not configured",
                    "Set servicedesk.ingest.directory.base-url to synchronise with the HR/organisation directory");
        }
        DirectoryClient client = new DirectoryClient(properties, json);
        List<JsonNode> unitItems;
        List<JsonNode> personItems;
        try {
            unitItems = client.all("units");
            personItems = client.all("people");
            requireFields(unitItems, "units", "code", "name");
            requireFields(personItems, "people", "username", "displayName");
        } catch (DirectoryClient.DirectoryMalformed e) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.UNAVAILABLE,
                    "directory-malformed",
                    "Directory answer malformed",
                    e.getMessage() + "; nothing was changed");
        } catch (DirectoryClient.DirectoryUnavailable e) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.UNAVAILABLE,
                    "directory-unavailable",
                    "Directory unavailable",
                    e.getMessage() + "; nothing was changed");
        }
        return Optional.ofNullable(transaction.execute(status -> {
            boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtext('servicedesk.directory-sync'))")
                    .query(Boolean.class)
                    .single();
            if (!locked) {
                return null;
            }
            // The units it adds or renames are recorded in the catalogue's audit trail under the sync's name.
            audit.actAs(CurrentUser.system("directory-sync"));
            return apply(unitItems, personItems);
        }));
    }

    /**
     * Every item has the contract's required fields as strings and, if any, a boolean {@code active}: a
     * directory that renamed a field is malformed, not a directory whose people all left.
     */
    private static void requireFields(List<JsonNode> items, String collection, String... required) {
        for (JsonNode item : items) {
            for (String field : required) {
                JsonNode value = item.get(field);
                if (value == null || !value.isString()) {
                    throw new DirectoryClient.DirectoryMalformed(
                            "An item of the directory's " + collection + " has no " + field + ": "
                                    + DirectoryClient.abbreviate(item.toString()),
                            null);
                }
            }
            JsonNode active = item.get("active");
            if (active != null && !active.isNull() && !active.isBoolean()) {
                throw new DirectoryClient.DirectoryMalformed(
                        "An item of the directory's " + collection + " has an active that is not true or false: "
                                + DirectoryClient.abbreviate(item.toString()),
                        null);
            }
        }
    }

    private Report apply(List<JsonNode> unitItems, List<JsonNode> personItems) {
        Instant now = clock.instant();
        List<String> warnings = new ArrayList<>();
        Map<String, JsonNode> pending = new LinkedHashMap<>();
        for (JsonNode item : unitItems) {
            String code = text(item, "code");
            if (code == null || !code.matches("[A-Z0-9][A-Z0-9-]{0,19}") || text(item, "name") == null) {
                warnings.add("Unit without a valid code or name skipped: " + item);
                continue;
            }
            pending.put(code, item);
        }
        int changedUnits = 0;
        // Parents before children: a unit waits until its parent exists.
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                String parent = text(entry.getValue(), "parentCode");
                if (parent != null && units.find(parent).isEmpty() && pending.containsKey(parent)) {
                    continue;
                }
                changedUnits += upsertUnit(entry.getKey(), entry.getValue(), parent, warnings) ? 1 : 0;
                it.remove();
                progress = true;
            }
        }
        pending.keySet().forEach(code -> warnings.add("Unit " + code + " is in a cycle of parents; skipped"));
        Set<String> seen = new HashSet<>();
        int changedPeople = 0;
        for (JsonNode item : personItems) {
            String username = text(item, "username");
            String name = text(item, "displayName");
            if (username == null || name == null || username.length() > 100) {
                warnings.add("Person without a valid username or name skipped");
                continue;
            }
            boolean active = !item.has("active") || item.get("active").asBoolean(true);
            if (!active) {
                continue;
            }
            String unit = text(item, "unitCode");
            if (unit != null && units.find(unit).isEmpty()) {
                warnings.add("Person " + username + " names unknown unit " + unit);
                unit = null;
            }
            String email = text(item, "email");
            if (email != null && (email.length() > 254 || !email.contains("@"))) {
                warnings.add("Person " + username + " has no valid e-mail address (" + DirectoryClient.abbreviate(email)
                        + "); kept without one");
                email = null;
            }
            String language = language(text(item, "preferredLanguage"));
            if (text(item, "preferredLanguage") != null && language == null) {
                warnings.add("Person " + username + " prefers an unsupported language ("
                        + DirectoryClient.abbreviate(text(item, "preferredLanguage")) + "); their language kept");
            }
            seen.add(username);
            changedPeople += people.upsert(
                            username,
                            name.length() > 200 ? name.substring(0, 200) : name,
                            email,
                            unit,
                            language,
                            SOURCE,
                            now)
                    ? 1
                    : 0;
        }
        int deactivated = people.deactivateMissing(SOURCE, seen, now);
        Report report = new Report(unitItems.size(), changedUnits, seen.size(), changedPeople, deactivated, warnings);
        log.info("Directory sync: {}", report);
        return report;
    }

    private boolean upsertUnit(String code, JsonNode item, String parent, List<String> warnings) {
        String name = cut(text(item, "name"), 300);
        String nameEn = text(item, "nameEn") == null ? name : cut(text(item, "nameEn"), 300);
        boolean active = !item.has("active") || item.get("active").asBoolean(true);
        if (parent != null && units.find(parent).isEmpty()) {
            warnings.add("Unit " + code + " names unknown parent " + parent + "; imported without it");
            parent = null;
        }
        Unit wanted = new Unit(code, name, nameEn, Unit.Kind.CUSTOMER, parent, Unit.SupportRole.NONE, null, active, 0);
        Optional<Unit> existing = units.find(code);
        if (existing.isEmpty()) {
            return units.insert(wanted);
        }
        Unit current = existing.get();
        if (current.kind() != Unit.Kind.CUSTOMER) {
            warnings.add("Unit " + code + " is one of the Centre's own units; the directory does not change it");
            return false;
        }
        if (current.namePl().equals(name)
                && current.nameEn().equals(nameEn)
                && java.util.Objects.equals(current.parentCode(), parent)
                && current.active() == active) {
            return false;
        }
        units.update(
                new Unit(
                        code,
                        name,
                        nameEn,
                        Unit.Kind.CUSTOMER,
                        parent,
                        current.supportRole(),
                        current.ordinanceRef(),
                        active,
                        current.version()),
                current.version());
        return true;
    }

    /**
     * The register's language for a directory's {@code preferredLanguage} (a BCP 47 tag such as {@code en},
     * {@code en-GB} or {@code pl-PL}, any case, {@code _} accepted for {@code -}); null when absent or not one the
     * register supports, so the stored language stays ({@code pl} for a new person).
     */
    static String language(String preferred) {
        if (preferred == null) {
            return null;
        }
        String language = Locale.forLanguageTag(preferred.replace('_', '-')).getLanguage();
        return Person.supportedLanguage(language) ? language : null;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static String text(JsonNode item, String field) {
        JsonNode value = item.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.asString().strip();
        return text.isEmpty() ? null : text;
    }
}
