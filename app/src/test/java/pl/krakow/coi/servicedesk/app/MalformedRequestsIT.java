package pl.krakow.coi.servicedesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import pl.krakow.coi.servicedesk.platform.security.LocalTokenIssuer;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;

/**
 * Bad input to every endpoint family never gives a 5xx nor an HTML page: each error is
 * {@code application/problem+json} with a stable {@code type}. The requests go over a raw socket, so
 * paths and percent-encodings that Tomcat refuses before Spring sees them are sent as they are.
 */
@IntegrationTest(
        properties = {
            "servicedesk.ingest.agent.username=agent",
            "servicedesk.ingest.agent.password=agent-secret",
            "servicedesk.demo-data.enabled=false"
        })
class MalformedRequestsIT {

    /** One endpoint of each family, with a body that it accepts (the template the corpus breaks). */
    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/v1/tickets", """
                    {"type":"INCIDENT","title":"Drukarka","description":"Nie drukuje","channel":"PORTAL","impact":"LOW","urgency":"LOW"}"""),
            new Endpoint("PATCH", "/api/v1/tickets/1", """
                    {"title":"Drukarka","impact":"LOW"}"""),
            new Endpoint("GET", "/api/v1/tickets?unit=IT-02-2&open=true&page=0&size=20&sort=priority", null),
            new Endpoint("GET", "/api/v1/search/tickets?q=drukarka&size=10&sort=relevance", null),
            new Endpoint("GET", "/api/v1/search/similar?text=drukarka", null),
            new Endpoint("GET", "/api/v1/kpis?from=2026-01-01&to=2026-02-01&granularity=day&unit=IT-02-2", null),
            new Endpoint("GET", "/api/v1/kpis/history?from=2026-01-01&to=2026-02-01", null),
            new Endpoint("GET", "/api/v1/cis?q=drukarka&class=PRINTER&status=ACTIVE", null),
            new Endpoint("POST", "/api/v1/cis", """
                    {"classCode":"PRINTER","name":"HP 1","status":"ACTIVE","attributes":{}}"""),
            new Endpoint("GET", "/api/v1/cis/1/impact?depth=3&limit=10", null),
            new Endpoint("GET", "/api/v1/licences?expiringWithin=30", null),
            new Endpoint("POST", "/api/v1/licences", """
                    {"productId":1,"metric":"DEVICE","quantity":10,"validFrom":"2026-01-01"}"""),
            new Endpoint("GET", "/api/v1/software/products", null),
            new Endpoint("POST", "/api/v1/software/normalise", """
                    {"name":"Microsoft Office","publisher":"Microsoft","version":"16.0"}"""),
            new Endpoint("POST", "/api/v1/ingest/runs", """
                    {"job":"assets","fileId":"abc","options":{}}"""),
            new Endpoint("POST", "/api/v1/ingest/files?filename=a.csv", "a,b\n1,2\n"),
            new Endpoint("GET", "/api/v1/ingest/runs?job=assets&limit=10", null),
            new Endpoint("GET", "/api/v1/ingest/runs?limit=10", null),
            new Endpoint("POST", "/api/v1/alerts/alertmanager", """
                    {"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"X"},"annotations":{},"startsAt":"2026-01-01T00:00:00Z","fingerprint":"ab"}]}"""),
            new Endpoint("POST", "/api/v1/inventory/agent", """
                    {"deviceid":"pc-1","content":{"hardware":{"name":"pc-1"}}}"""),
            new Endpoint("GET", "/api/v1/people?unit=IT-02-2&q=jan", null),
            new Endpoint("GET", "/api/v1/sla/holidays?year=2026", null),
            new Endpoint("POST", "/api/v1/sla/calendars", """
                    {"code":"X","name":"X","zone":"Europe/Warsaw","openingHours":{}}"""),
            new Endpoint("GET", "/api/v1/tickets/1/sla?explain=true", null),
            new Endpoint("GET", "/api/v1/categories", null),
            new Endpoint("POST", "/api/v1/categories", """
                    {"code":"X.1","name":"X","unitCode":"IT-02-2"}"""),
            new Endpoint("POST", "/api/v1/routing/suggestions", """
                    {"title":"Drukarka","description":"Nie drukuje"}"""),
            new Endpoint("POST", "/api/v1/auth/token", """
                    {"username":"jan.kowalski","password":"demo"}"""));

    static final List<String> CONTENT_TYPES = List.of(
            "multipart/form-data",
            "multipart/form-data; boundary=",
            "multipart/mixed",
            "application/x-www-form-urlencoded",
            "text/plain",
            "application/xml",
            "application/json; charset=nonsense",
            "nonsense",
            "application/json; charset=UTF-16");

    static final List<String> BODIES = List.of(
            "",
            "null",
            "[]",
            "[null]",
            "{}",
            "{",
            "{\"",
            "{\"alerts\":[null]}",
            "{\"alerts\":[{}]}",
            "{\"alerts\":null,\"version\":4}",
            "{\"title\":\"a\u0000b\",\"description\":\"x\u0000\",\"name\":\"\u0000\",\"q\":\"\u0000\"}",
            "{\"title\":\"\\u0000\",\"description\":\"\\u0000\",\"name\":\"\\u0000\",\"code\":\"\\u0000\"}",
            "{\"quantity\":1e400,\"productId\":99999999999999999999999,\"page\":-1}",
            "{\"quantity\":-9223372036854775809,\"productId\":-1}",
            "{\"type\":\"NOPE\",\"impact\":\"HUGE\",\"urgency\":7,\"channel\":[]}",
            "{\"title\":{\"a\":[1,2,3]},\"description\":true}",
            "\"\\uD800\"",
            "{\"a\":\"\\uDFFF\\uD800\"}",
            "[".repeat(5000),
            "\u00ff\u00fe\u0000{");

    static final List<String> QUERY_VALUES = List.of(
            "%FF%FE",
            "%FF",
            "%",
            "%zz",
            "%00",
            "%C0%80",
            "-1",
            "99999999999999999999999",
            "1e400",
            "NaN",
            "NOPE",
            "2026-13-45",
            "%E2%82");

    static final List<String> PATHS = List.of(
            "/api/v1/tickets/%00",
            "/api/v1/tickets/%FF",
            "/api/v1/tickets/%FF%FE",
            "/api/v1/tickets/%",
            "/api/v1/tickets/%2e%2e/%2e%2e/etc",
            "/api/v1/tickets/..%2F..%2F",
            "/api/v1/tickets/a%2Fb",
            "/api/v1/tickets/a%5Cb",
            "/api/v1/tickets/;jsessionid=1",
            "/api/v1//tickets",
            "/api/v1/tickets/%C0%AE",
            "/api/v1/cis/%00/impact",
            "/api/v1/kpis/%FF",
            "/%00",
            "/api/v1/tickets/99999999999999999999999",
            "/api/v1/tickets/-1",
            "/api/v1/cis/-1",
            "/api/v1/licences/99999999999999999999999",
            "/api/v1/ingest/runs/-1");

    @LocalServerPort
    int port;

    @Autowired
    LocalTokenIssuer issuer;

    String token;

    @BeforeEach
    void everyRole() {
        token = issuer.issue(TestUsers.with(
                        "jan.kowalski",
                        "IT-02-2",
                        Role.AGENT,
                        Role.MANAGER,
                        Role.ADMIN,
                        Role.CMDB_ADMIN,
                        Role.LICENCE_ADMIN,
                        Role.INTEGRATION))
                .accessToken();
    }

    @Test
    void wrongContentTypesAndBrokenBodiesToEveryEndpointAreProblems() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            if (endpoint.body() == null) {
                continue;
            }
            for (String contentType : CONTENT_TYPES) {
                check(failures, endpoint.method(), endpoint.path(), contentType, endpoint.body());
            }
            for (String body : BODIES) {
                check(failures, endpoint.method(), endpoint.path(), "application/json", body);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void generatedMutationsOfValidBodiesAreProblems() {
        List<Endpoint> withBodies =
                ENDPOINTS.stream().filter(e -> e.body() != null).toList();
        Gen<Endpoint> endpoints =
                SourceDSL.integers().between(0, withBodies.size() - 1).map(withBodies::get);
        Gen<Integer> positions = SourceDSL.integers().between(0, 10_000);
        Gen<String> inserts = Generate.pick(List.of(
                "\u0000",
                "\\u0000",
                "\"",
                "}",
                "{",
                ",",
                ":",
                "]",
                "\\",
                "1e99999",
                "-99999999999999999999",
                "null",
                "\"NOPE\"",
                "\ud800",
                "\u00ff"));
        Gen<Boolean> truncate = SourceDSL.booleans().all();
        List<String> failures = new ArrayList<>();
        qt().withExamples(300)
                .forAll(endpoints, positions, inserts, truncate)
                .checkAssert((endpoint, position, insert, cut) -> {
                    String body = endpoint.body();
                    int at = position % (body.length() + 1);
                    String mutated =
                            cut ? body.substring(0, at) + insert : body.substring(0, at) + insert + body.substring(at);
                    try {
                        check(failures, endpoint.method(), endpoint.path(), "application/json", mutated);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        assertThat(failures).isEmpty();
    }

    @Test
    void badQueryValuesOfEveryParameterAreProblems() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            int query = endpoint.path().indexOf('?');
            if (query < 0) {
                continue;
            }
            check(failures, "GET", endpoint.path(), null, null); // the request as it should be sent
            String base = endpoint.path().substring(0, query);
            String[] parameters = endpoint.path().substring(query + 1).split("&");
            for (int i = 0; i < parameters.length; i++) {
                for (String value : QUERY_VALUES) {
                    String[] changed = parameters.clone();
                    changed[i] = parameters[i].substring(0, parameters[i].indexOf('=') + 1) + value;
                    check(failures, "GET", base + "?" + String.join("&", changed), null, null);
                }
            }
            check(failures, "GET", base + "?%FF=%FE", null, null);
            check(failures, "GET", base + "?q=%FF%FE&%=%", null, null);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void pathsTomcatRefusesAreProblemsToo() throws IOException {
        List<String> failures = new ArrayList<>();
        for (String path : PATHS) {
            check(failures, "GET", path, null, null);
            check(failures, "PATCH", path, "application/json", "{}");
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aNulInATicketIsInvalidInputNotAConflict() throws IOException {
        Response response = send("POST", "/api/v1/tickets", "application/json", """
                {"type":"INCIDENT","title":"Drukarka\\u0000","description":"Nie drukuje","channel":"PORTAL","impact":"LOW","urgency":"LOW"}""");
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
    }

    private void check(List<String> failures, String method, String path, String contentType, String body)
            throws IOException {
        Response response = send(method, path, contentType, body);
        String request = method + " " + path + " [" + contentType + "] " + abbreviate(body);
        if (response.status() >= 500) {
            failures.add(request + " -> " + response);
        } else if (response.status() >= 400) {
            String type = response.header("content-type");
            if (type == null || !type.startsWith("application/problem+json")) {
                failures.add(request + " -> not problem+json: " + response);
            } else if (!response.body().contains("\"type\":\"https://servicedesk.coi.krakow.pl/problems/")) {
                failures.add(request + " -> no stable type: " + response);
            }
        }
    }

    private Response send(String method, String path, String contentType, String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\n")
                .append("Host: localhost:")
                .append(port)
                .append("\r\n")
                .append("Connection: close\r\n")
                .append("Accept: application/json, application/problem+json\r\n")
                .append("If-Match: \"0\"\r\n")
                .append("Authorization: ")
                .append(
                        path.startsWith("/api/v1/inventory")
                                ? "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString("agent:agent-secret".getBytes(StandardCharsets.UTF_8))
                                : "Bearer " + token)
                .append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return Response.parse(socket.getInputStream());
        }
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        String shown = body.replace("\u0000", "\\0");
        return shown.length() > 80 ? shown.substring(0, 80) + "…" : shown;
    }

    record Endpoint(String method, String path, String body) {}

    record Response(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        static Response parse(InputStream in) throws IOException {
            // Reads up to the end of the body (by Content-Length or the last chunk), not to the end of the
            // stream: after an error a server may take its time to close the connection.
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                all.write(buffer, 0, read);
                if (complete(all.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = (end < 0 ? text : text.substring(0, end)).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(
                            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            String body = end < 0 ? "" : text.substring(end + 4);
            return new Response(status, headers, body);
        }

        private static boolean complete(String received) {
            int end = received.indexOf("\r\n\r\n");
            if (end < 0) {
                return false;
            }
            String head = received.substring(0, end).toLowerCase(Locale.ROOT);
            int length = head.indexOf("\r\ncontent-length:");
            if (length >= 0) {
                int lineEnd = head.indexOf("\r\n", length + 2);
                String value = head.substring(length + 17, lineEnd < 0 ? head.length() : lineEnd)
                        .trim();
                return received.length() - end - 4 >= Integer.parseInt(value);
            }
            if (head.contains("transfer-encoding: chunked")) {
                return received.endsWith("\r\n0\r\n\r\n");
            }
            return false;
        }

        @Override
        public String toString() {
            String shown = body.replace('\n', ' ');
            return status + " " + headers.get("content-type") + " "
                    + (shown.length() > 300 ? shown.substring(0, 300) + "…" : shown);
        }
    }
}
