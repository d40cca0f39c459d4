package pl.krakow.coi.servicedesk.reporting.kpi;

import static pl.krakow.coi.servicedesk.search.TicketFields.*;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.platform.elasticsearch.QueryDeadline;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.search.SearchVisibility;
import pl.krakow.coi.servicedesk.ticket.TicketAccess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tickets behind a KPI report (registered in the period, within the caller's visibility and the
 * filters), one row each, read from the index page by page with {@code search_after} in id order: an
 * export holds one page at a time, however many tickets there are (no row cap).
 */
@Component
public class TicketRows {

    /** The columns of a row, in order (index field names). */
    public static final List<String> COLUMNS = List.of(
            NUMBER,
            TYPE,
            STATUS,
            PRIORITY,
            CHANNEL,
            CATEGORY,
            CUSTOMER_UNIT,
            ASSIGNED_UNIT,
            LINE,
            CONFIGURATION_ITEM,
            CREATED_AT,
            FIRST_RESPONSE_AT,
            RESOLVED_AT,
            CLOSED_AT,
            MINUTES_TO_FIRST_RESPONSE,
            BUSINESS_MINUTES_TO_FIRST_RESPONSE,
            MINUTES_TO_RESOLVE,
            BUSINESS_MINUTES_TO_RESOLVE,
            SLA_RESPONSE_STATE,
            SLA_RESOLUTION_STATE,
            RESOLVED_BY_UNIT,
            RESOLVED_BY_LINE,
            KpiFields.FIRST_LINE_RESOLVED,
            KpiFields.ESCALATED,
            KpiFields.ESCALATED_TO,
            REASSIGNMENT_COUNT,
            REOPEN_COUNT);

    private final RestClient client;
    private final QueryDeadline deadline;
    private final IndexKpis index;
    private final JsonMapper json;
    private final Counter pages;
    private final TicketAccess access;

    TicketRows(
            RestClient client,
            QueryDeadline deadline,
            IndexKpis index,
            JsonMapper json,
            MeterRegistry registry,
            TicketAccess access) {
        this.access = access;
        this.client = client;
        this.deadline = deadline;
        this.index = index;
        this.json = json;
        this.pages = Counter.builder("servicedesk.reporting.export.pages")
                .description("Pages of tickets read from the index by exports")
                .register(registry);
    }

    /**
     * Calls {@code row} for every ticket registered in the query's period that {@code user} may see, in
     * id order, reading {@code pageSize} tickets at a time; returns the number of rows.
     */
    public long forEach(KpiQuery query, CurrentUser user, int pageSize, Consumer<List<String>> row) {
        KpiService.requireManager(user);
        return forEach(query, SearchVisibility.of(access.visibility(user)), pageSize, row);
    }

    long forEach(KpiQuery query, SearchVisibility visibility, int pageSize, Consumer<List<String>> row) {
        List<Object> filter = new ArrayList<>();
        filter.add(IndexKpis.visibility(visibility));
        filter.add(IndexKpis.range(CREATED_AT, query.start(), query.end()));
        query.filters().forEach((d, values) -> filter.add(Map.of("terms", Map.of(IndexKpis.field(d), values))));
        long rows = 0;
        JsonNode after = null;
        while (true) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("size", pageSize);
            body.put("track_total_hits", false);
            body.put("query", Map.of("bool", Map.of("filter", filter)));
            body.put("_source", COLUMNS);
            body.put("sort", List.of(Map.of(ID, "asc")));
            if (after != null) {
                body.put("search_after", after);
            }
            JsonNode hits = search(body).path("hits").path("hits");
            pages.increment();
            if (hits.isEmpty()) {
                return rows;
            }
            for (JsonNode hit : hits) {
                JsonNode source = hit.path("_source");
                List<String> values = new ArrayList<>(COLUMNS.size());
                for (String column : COLUMNS) {
                    values.add(text(source.get(column)));
                }
                row.accept(values);
                rows++;
            }
            if (hits.size() < pageSize) {
                return rows;
            }
            after = hits.get(hits.size() - 1).path("sort");
        }
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(v.asString()));
            return String.join(" ", parts);
        }
        return value.asString();
    }

    private JsonNode search(Map<String, Object> body) {
        Request request = new Request("POST", "/" + index.alias() + "/_search");
        request.setEntity(new NStringEntity(json.writeValueAsString(body), ContentType.APPLICATION_JSON));
        try {
            Response response = client.performRequest(deadline.apply(request));
            try (InputStream in = response.getEntity().getContent()) {
                return json.readTree(in);
            }
        } catch (IOException e) {
            throw IndexKpis.unavailable(e);
        }
    }
}
