package pl.krakow.coi.servicedesk.routing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import pl.krakow.coi.servicedesk.catalogue.CatalogueChanged;
import pl.krakow.coi.servicedesk.catalogue.Categories;
import pl.krakow.coi.servicedesk.catalogue.Category;
import pl.krakow.coi.servicedesk.organisation.Unit;
import pl.krakow.coi.servicedesk.organisation.Units;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.ticket.ConfigurationItemSupport;
import pl.krakow.coi.servicedesk.ticket.TicketAccess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Suggests the competent units for a ticket. Three signals, combined into one score per unit:
 * the ticket's category (its mapped unit), the affected configuration item (its supporting unit in
 * the CMDB), and the Polish text (a classifier trained on the catalogue's names and keywords, the
 * training examples, and past resolved tickets with a category). Every suggestion says why.
 */
@Service
public class RoutingService {

    static final String TRAINING_EXAMPLES = "routing/training-examples.jsonl";
    private static final Logger log = LoggerFactory.getLogger(RoutingService.class);
    private static final double TEXT_WEIGHT = 1.0;
    private static final double CATEGORY_WEIGHT = 1.5;
    private static final double CI_WEIGHT = 1.0;
    private static final int PAST_TICKET_LIMIT = 20_000;
    private static final int SIMILAR_TICKETS_SHOWN = 3;
    /** Past tickets looked at per unit before those the caller may not open are left out. */
    private static final int SIMILAR_TICKET_CANDIDATES = 30;

    private final Categories categories;
    private final Units units;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ObjectProvider<ConfigurationItemSupport> configurationItems;
    private final TicketAccess access;
    private final Clock clock;
    private final AtomicReference<Model> model = new AtomicReference<>();
    private final List<TrainingDocument> examples;

    RoutingService(
            Categories categories,
            Units units,
            JdbcClient jdbc,
            JsonMapper json,
            ObjectProvider<ConfigurationItemSupport> configurationItems,
            TicketAccess access,
            Clock clock) {
        this.categories = categories;
        this.units = units;
        this.jdbc = jdbc;
        this.json = json;
        this.configurationItems = configurationItems;
        this.access = access;
        this.clock = clock;
        this.examples = loadExamples();
    }

    /** A query: free text before filing, or a ticket's fields. */
    public record RoutingQuery(String title, String description, String categoryCode, Long configurationItemId) {}

    /**
     * Suggestions for internal routing decisions (alerts): every signal, similar tickets of anyone.
     * What a person is shown comes from {@link #suggest(RoutingQuery, CurrentUser)}.
     */
    public RoutingSuggestions suggest(RoutingQuery query) {
        return suggest(query, numbers -> numbers);
    }

    /**
     * Suggestions carrying only what {@code viewer} may see: the similar tickets are those the viewer
     * may open ({@link TicketAccess}, so a requester sees only their own), and the configuration item
     * counts only for a viewer who may read the CMDB (its name and supporting unit are CMDB data; for
     * anyone else the item is left out of the query, so the ranking does not reveal its unit either).
     */
    public RoutingSuggestions suggest(RoutingQuery query, CurrentUser viewer) {
        ConfigurationItemSupport support = configurationItems.getIfAvailable();
        RoutingQuery visible = support != null && support.mayRead(viewer)
                ? query
                : new RoutingQuery(query.title(), query.description(), query.categoryCode(), null);
        return suggest(visible, numbers -> openableBy(viewer, numbers));
    }

    private RoutingSuggestions suggest(RoutingQuery query, UnaryOperator<List<String>> visibleTickets) {
        Model current = model();
        String text = (nullToEmpty(query.title()) + ". " + nullToEmpty(query.description())).trim();
        Map<String, Double> textScore = new HashMap<>();
        Map<String, List<TextClassifier.CategoryScore>> textCategories = new HashMap<>();
        boolean hasText = text.length() > 2;
        if (hasText) {
            for (TextClassifier.CategoryScore score : current.classifier().classify(text)) {
                Category category = current.categories().get(score.category());
                textScore.merge(category.unitCode(), score.probability(), Double::sum);
                textCategories
                        .computeIfAbsent(category.unitCode(), u -> new ArrayList<>())
                        .add(score);
            }
        }
        Optional<Category> category = Optional.ofNullable(query.categoryCode()).map(current.categories()::get);
        Optional<ConfigurationItemSupport.ItemInfo> ciUnit = Optional.ofNullable(query.configurationItemId())
                .flatMap(id ->
                        Optional.ofNullable(configurationItems.getIfAvailable()).flatMap(support -> support.find(id)))
                .filter(item -> item.supportingUnit() != null);
        double denominator = (hasText ? TEXT_WEIGHT : 0)
                + (category.isPresent() ? CATEGORY_WEIGHT : 0)
                + (ciUnit.isPresent() ? CI_WEIGHT : 0);
        if (denominator == 0) {
            return new RoutingSuggestions(List.of(), current.info());
        }
        Map<String, Double> combined = new HashMap<>();
        textScore.forEach((unit, score) -> combined.merge(unit, TEXT_WEIGHT * score, Double::sum));
        category.ifPresent(c -> combined.merge(c.unitCode(), CATEGORY_WEIGHT, Double::sum));
        ciUnit.ifPresent(ci -> combined.merge(ci.supportingUnit(), CI_WEIGHT, Double::sum));

        Map<String, Unit> unitsByCode = units.findAll().stream().collect(Collectors.toMap(Unit::code, u -> u));
        List<RoutingSuggestions.UnitSuggestion> suggestions = combined.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() / denominator))
                .filter(e -> e.getValue() >= 0.01)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(5)
                .map(e -> {
                    String unit = e.getKey();
                    List<RoutingSuggestions.Reason> reasons = new ArrayList<>();
                    category.filter(c -> c.unitCode().equals(unit))
                            .ifPresent(c -> reasons.add(new RoutingSuggestions.Reason(
                                    "CATEGORY",
                                    "Category " + c.code() + " (" + c.namePl() + ", " + c.ordinanceRef()
                                            + ") is in the competence of " + unit,
                                    List.of(),
                                    List.of(),
                                    List.of())));
                    ciUnit.filter(ci -> ci.supportingUnit().equals(unit))
                            .ifPresent(ci -> reasons.add(new RoutingSuggestions.Reason(
                                    "CONFIGURATION_ITEM",
                                    "The affected item " + ci.name() + " (#" + ci.id() + ") is supported by " + unit,
                                    List.of(),
                                    List.of(),
                                    List.of())));
                    if (hasText && textScore.getOrDefault(unit, 0.0) >= 0.01) {
                        reasons.add(textReason(
                                current, text, unit, textScore.get(unit), textCategories.get(unit), visibleTickets));
                    }
                    Unit info = unitsByCode.get(unit);
                    return new RoutingSuggestions.UnitSuggestion(
                            unit, info == null ? unit : info.nameEn(), round(e.getValue()), reasons);
                })
                .toList();
        return new RoutingSuggestions(suggestions, current.info());
    }

    private RoutingSuggestions.Reason textReason(
            Model current,
            String text,
            String unit,
            double score,
            List<TextClassifier.CategoryScore> scores,
            UnaryOperator<List<String>> visibleTickets) {
        List<TextClassifier.CategoryScore> top = scores.stream()
                .sorted(Comparator.comparingDouble(TextClassifier.CategoryScore::probability)
                        .reversed())
                .filter(s -> s.probability() >= 0.02)
                .limit(3)
                .toList();
        List<String> words = top.isEmpty()
                ? List.of()
                : current.classifier().evidence(text, top.get(0).category(), 6);
        Set<String> unitCategories = current.categories().values().stream()
                .filter(c -> c.unitCode().equals(unit))
                .map(Category::code)
                .collect(Collectors.toSet());
        List<String> similar = visibleTickets
                .apply(current.classifier().similar(text, unitCategories, SIMILAR_TICKET_CANDIDATES).stream()
                        .map(TextClassifier.SimilarTicket::number)
                        .toList())
                .stream()
                .limit(SIMILAR_TICKETS_SHOWN)
                .toList();
        return new RoutingSuggestions.Reason(
                "TEXT",
                String.format(
                        "The text resembles tickets of %s (%.0f%%)%s",
                        unit, score * 100, words.isEmpty() ? "" : "; decisive words: " + String.join(", ", words)),
                words,
                top.stream()
                        .map(s -> new RoutingSuggestions.CategoryMatch(
                                s.category(),
                                current.categories().get(s.category()).namePl(),
                                round(s.probability())))
                        .toList(),
                similar);
    }

    /** Those of {@code numbers} that {@code viewer} may open, in the given order. */
    private List<String> openableBy(CurrentUser viewer, List<String> numbers) {
        if (numbers.isEmpty()) {
            return numbers;
        }
        Set<String> openable = Set.copyOf(jdbc.sql("SELECT t.number FROM ticket t WHERE t.number IN (:numbers) AND "
                        + access.visibilitySql(viewer))
                .param("numbers", numbers)
                .param("viewer", viewer.username())
                .param("viewerUnit", viewer.unit().orElse(null))
                .query(String.class)
                .list());
        return numbers.stream().filter(openable::contains).toList();
    }

    /** The current model, trained on first use. */
    Model model() {
        Model current = model.get();
        if (current == null) {
            synchronized (this) {
                current = model.get();
                if (current == null) {
                    current = train();
                    model.set(current);
                }
            }
        }
        return current;
    }

    /** Retrains: the catalogue changed, or time passed and more tickets were resolved. */
    @Scheduled(
            fixedDelayString = "${servicedesk.routing.retrain-interval:1h}",
            initialDelayString = "${servicedesk.routing.retrain-interval:1h}")
    public void retrain() {
        model.set(train());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onCatalogueChanged(CatalogueChanged change) {
        retrain();
    }

    private Model train() {
        long started = System.nanoTime();
        Map<String, Category> active = new LinkedHashMap<>();
        categories.findActive().forEach(c -> active.put(c.code(), c));
        List<TrainingDocument> documents = new ArrayList<>();
        for (Category category : active.values()) {
            documents.add(new TrainingDocument(category.code(), category.namePl(), 3.0, null));
            for (String keyword : category.keywords()) {
                documents.add(new TrainingDocument(category.code(), keyword, 2.0, null));
            }
        }
        documents.addAll(examples);
        List<TrainingDocument> past = jdbc.sql("""
                        SELECT number, category_code, title, description FROM ticket
                        WHERE category_code IS NOT NULL AND status IN ('RESOLVED', 'CLOSED')
                        ORDER BY resolved_at DESC NULLS LAST LIMIT :limit
                        """)
                .param("limit", PAST_TICKET_LIMIT)
                .query((rs, row) -> new TrainingDocument(
                        rs.getString("category_code"),
                        rs.getString("title") + ". " + rs.getString("description"),
                        1.0,
                        rs.getString("number")))
                .list();
        documents.addAll(past);
        TextClassifier classifier = new TextClassifier(List.copyOf(active.keySet()), documents);
        log.info(
                "Routing model trained in {} ms: {} categories, {} documents ({} past tickets)",
                (System.nanoTime() - started) / 1_000_000,
                active.size(),
                documents.size(),
                past.size());
        return new Model(
                classifier,
                active,
                new RoutingSuggestions.ModelInfo(clock.instant(), active.size(), documents.size(), past.size()));
    }

    private List<TrainingDocument> loadExamples() {
        ClassPathResource resource = new ClassPathResource(TRAINING_EXAMPLES);
        if (!resource.exists()) {
            return List.of();
        }
        List<TrainingDocument> loaded = new ArrayList<>();
        try (InputStream in = resource.getInputStream();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                loaded.add(new TrainingDocument(
                        node.get("category").asString(),
                        node.get("title").asString() + ". "
                                + node.get("description").asString(),
                        1.0,
                        null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + TRAINING_EXAMPLES, e);
        }
        return List.copyOf(loaded);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    record Model(TextClassifier classifier, Map<String, Category> categories, RoutingSuggestions.ModelInfo info) {}
}
