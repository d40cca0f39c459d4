package pl.krakow.coi.servicedesk.ingest.mail;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.user.GreenMailUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * The admin API of the mailboxes (list with status, create with secret references, 409 for a configured mailbox,
 * problems for bad input, admins only), and credentials that never reach a log or the API: a wrong and then a right
 * password, and an XOAUTH2 mailbox whose token comes from a token endpoint (WireMock) and signs in to GreenMail's
 * IMAP ({@code AUTHENTICATE XOAUTH2}, the token checked as the user's password).
 */
@IntegrationTest
@Import(RecordingMailProcessor.class)
class MailboxAdminIT {

    static final String CONFIGURED_PASSWORD = "Configured-Imap-Secret-31";
    static final String WRONG_PASSWORD = "Wrong-Imap-Secret-77";
    static final String RIGHT_PASSWORD = "Right-Imap-Secret-88";
    static final String CLIENT_SECRET = "Oauth-Client-Secret-55";
    static final String ACCESS_TOKEN = "Access-Token-eyJ0eXAi-66";

    static final TestMailServer SERVER = new TestMailServer();
    static final GreenMailUser DESK = SERVER.user("desk@coi.krakow.pl", "desk", CONFIGURED_PASSWORD);
    static final GreenMailUser HELPDESK = SERVER.user("helpdesk@coi.krakow.pl", "helpdesk", RIGHT_PASSWORD);
    static final GreenMailUser OAUTH = SERVER.user("m365@coi.krakow.pl", "m365@coi.krakow.pl", ACCESS_TOKEN);
    static final Path CONFIGURED_SECRET = MailboxReaderIT.secret(CONFIGURED_PASSWORD);
    static final WireMockServer TOKEN_ENDPOINT = tokenEndpoint();

    static final CurrentUser ADMIN = TestUsers.admin("ada");
    static final CurrentUser AGENT = TestUsers.firstLine("jan");

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    ListAppender<ILoggingEvent> logs;

    @DynamicPropertySource
    static void mailbox(DynamicPropertyRegistry registry) {
        String prefix = "servicedesk.mail.mailboxes.desk.";
        registry.add(prefix + "address", () -> "desk@coi.krakow.pl");
        registry.add(prefix + "host", () -> "127.0.0.1");
        registry.add(prefix + "port", SERVER::imapPort);
        registry.add(prefix + "security", () -> "NONE");
        registry.add(prefix + "username", () -> "desk");
        registry.add(prefix + "password-ref", () -> "file:" + CONFIGURED_SECRET);
        registry.add("servicedesk.mail.reader.check-interval", () -> "300ms");
        registry.add("servicedesk.mail.reader.initial-backoff", () -> "200ms");
        registry.add("servicedesk.mail.reader.max-backoff", () -> "1s");
    }

    @BeforeEach
    void captureLogs() {
        logs = new ListAppender<>();
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void stopCapture() {
        root().detachAppender(logs);
    }

    @AfterAll
    static void stopServers() {
        SERVER.close();
        TOKEN_ENDPOINT.stop();
    }

    @Test
    void listsTheConfiguredMailboxReadOnlyWithItsStatus() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode desk = mailbox("desk");
            assertThat(desk.get("source").asString()).isEqualTo("PROPERTIES");
            assertThat(desk.get("readOnly").asBoolean()).isTrue();
            assertThat(desk.get("passwordRef").asString()).isEqualTo("file:" + CONFIGURED_SECRET);
            assertThat(present(desk.get("status"), "holder")).isTrue();
            assertThat(present(desk.get("status"), "lastReadAt")).isTrue();
            assertThat(desk.get("status").get("idleInUse").asBoolean()).isTrue();
        });
        problem(
                api.as(ADMIN)
                        .put()
                        .uri("/api/v1/admin/mailboxes/desk")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(basic("other@coi.krakow.pl", "file:/run/secrets/x"))
                        .exchange(),
                409,
                "mailbox-configured");
        problem(api.as(ADMIN).delete().uri("/api/v1/admin/mailboxes/desk").exchange(), 409, "mailbox-configured");
    }

    @Test
    void anAdminCreatesReplacesAndRemovesAMailboxWithASecretReference() throws IOException {
        Path secret = MailboxReaderIT.secret(RIGHT_PASSWORD);
        JsonNode created = api.as(ADMIN)
                .put()
                .uri("/api/v1/admin/mailboxes/helpdesk")
                .contentType(MediaType.APPLICATION_JSON)
                .body(basic("helpdesk@coi.krakow.pl", "file:" + secret))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(created.get("source").asString()).isEqualTo("API");
        assertThat(created.get("readOnly").asBoolean()).isFalse();
        assertThat(created.get("passwordRef").asString()).isEqualTo("file:" + secret);
        assertThat(created.get("maxMessageBytes").asLong()).isEqualTo(10L * 1024 * 1024);
        assertThat(created.get("pollInterval").asString()).isEqualTo("PT1M");
        assertThat(jdbc.sql("SELECT password_ref FROM mail_mailbox WHERE name = 'helpdesk'")
                        .query(String.class)
                        .single())
                .isEqualTo("file:" + secret);

        SERVER.deliver(HELPDESK, TestMailServer.mail("api-box@client.example", "anna@um.krakow.pl", "Via API", "x"));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> assertThat(SERVER.subjects(HELPDESK, "Processed")).contains("Via API"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(present(mailbox("helpdesk").get("status"), "lastReadAt"))
                        .isTrue());

        Map<String, Object> disabled = basic("helpdesk@coi.krakow.pl", "file:" + secret);
        disabled.put("enabled", false);
        api.as(ADMIN)
                .put()
                .uri("/api/v1/admin/mailboxes/helpdesk")
                .contentType(MediaType.APPLICATION_JSON)
                .body(disabled)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.enabled")
                .isEqualTo(false);
        // Nobody reads a disabled mailbox: its lease goes.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(jdbc.sql("SELECT count(*) FROM mail_mailbox_lease WHERE mailbox = 'helpdesk'")
                                        .query(Long.class)
                                        .single())
                                .isZero());

        api.as(ADMIN)
                .delete()
                .uri("/api/v1/admin/mailboxes/helpdesk")
                .exchange()
                .expectStatus()
                .isNoContent();
        problem(api.as(ADMIN).get().uri("/api/v1/admin/mailboxes/helpdesk").exchange(), 404, "not-found");
        problem(api.as(ADMIN).delete().uri("/api/v1/admin/mailboxes/helpdesk").exchange(), 404, "not-found");
        Files.delete(secret);
    }

    @Test
    void badInputIsAProblemAndOnlyAdminsMayTouchMailboxes() {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("address", "not an address");
        bad.put("host", "imap.example.com");
        bad.put("username", "x");
        bad.put("security", "SSL3");
        bad.put("passwordRef", "hunter2");
        bad.put("pollInterval", "soon");
        JsonNode problem = problem(
                api.as(ADMIN)
                        .put()
                        .uri("/api/v1/admin/mailboxes/broken")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(bad)
                        .exchange(),
                400,
                "invalid-mailbox");
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("address", "security", "passwordRef", "pollInterval");
        assertThat(problem.toString()).doesNotContain("hunter2");

        problem(
                api.as(ADMIN)
                        .put()
                        .uri("/api/v1/admin/mailboxes/Bad_Name")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(basic("x@coi.krakow.pl", "env:X"))
                        .exchange(),
                400,
                "invalid-mailbox-name");
        Map<String, Object> inline = basic("inline@coi.krakow.pl", "env:X");
        inline.put("password", "Inline-Secret-1");
        JsonNode refused = problem(
                api.as(ADMIN)
                        .put()
                        .uri("/api/v1/admin/mailboxes/inline")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(inline)
                        .exchange(),
                422,
                "inline-secret-refused");
        assertThat(refused.toString()).doesNotContain("Inline-Secret-1");
        assertThat(jdbc.sql("SELECT count(*) FROM mail_mailbox WHERE name = 'inline'")
                        .query(Long.class)
                        .single())
                .isZero();
        problem(
                api.as(ADMIN)
                        .put()
                        .uri("/api/v1/admin/mailboxes/twin")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(basic("DESK@coi.krakow.pl", "env:X"))
                        .exchange(),
                422,
                "mailbox-address-taken");
        problem(
                api.as(ADMIN)
                        .put()
                        .uri("/api/v1/admin/mailboxes/twin")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body("{not json")
                        .exchange(),
                400,
                "malformed-request");

        problem(api.as(AGENT).get().uri("/api/v1/admin/mailboxes").exchange(), 403, "forbidden");
        problem(
                api.as(AGENT)
                        .put()
                        .uri("/api/v1/admin/mailboxes/mine")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(basic("mine@coi.krakow.pl", "env:X"))
                        .exchange(),
                403,
                "forbidden");
        assertThat(jdbc.sql("SELECT count(*) FROM mail_mailbox WHERE name = 'mine'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aWrongAndThenARightPasswordNeverReachTheLogsOrTheApi() throws IOException {
        GreenMailUser user = SERVER.user("rotate@coi.krakow.pl", "rotate", RIGHT_PASSWORD);
        Path secret = MailboxReaderIT.secret(WRONG_PASSWORD);
        api.as(ADMIN)
                .put()
                .uri("/api/v1/admin/mailboxes/rotate")
                .contentType(MediaType.APPLICATION_JSON)
                .body(basic("rotate@coi.krakow.pl", "file:" + secret, "rotate"))
                .exchange()
                .expectStatus()
                .isCreated();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(present(mailbox("rotate").get("status"), "lastError"))
                        .isTrue());
        String listed = api.as(ADMIN)
                .get()
                .uri("/api/v1/admin/mailboxes")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(listed).contains("AuthenticationFailedException").doesNotContain(WRONG_PASSWORD);

        // The secret is rotated in its file: the next connection reads it.
        Files.writeString(secret, RIGHT_PASSWORD);
        SERVER.deliver(user, TestMailServer.mail("rotate@client.example", "anna@um.krakow.pl", "Rotated", "x"));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> assertThat(SERVER.subjects(user, "Processed")).contains("Rotated"));

        assertNoSecretLogged(WRONG_PASSWORD, RIGHT_PASSWORD);
        assertThat(logs.list)
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("Mailbox rotate"));
        api.as(ADMIN)
                .delete()
                .uri("/api/v1/admin/mailboxes/rotate")
                .exchange()
                .expectStatus()
                .isNoContent();
    }

    @Test
    void anXoauth2MailboxSignsInWithATokenOfTheClientCredentialsGrant() throws IOException {
        TOKEN_ENDPOINT.stubFor(post(urlEqualTo("/tenant/oauth2/v2.0/token"))
                .willReturn(okJson(
                        "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"" + ACCESS_TOKEN + "\"}")));
        Path secret = MailboxReaderIT.secret(CLIENT_SECRET);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("address", "m365@coi.krakow.pl");
        body.put("host", "127.0.0.1");
        body.put("port", SERVER.imapPort());
        body.put("security", "NONE");
        body.put("username", "m365@coi.krakow.pl");
        body.put("auth", "XOAUTH2");
        body.put(
                "oauth",
                Map.of(
                        "tokenUri",
                        "http://localhost:" + TOKEN_ENDPOINT.port() + "/tenant/oauth2/v2.0/token",
                        "clientId",
                        "app-1234",
                        "clientSecretRef",
                        "file:" + secret,
                        "scope",
                        "https://outlook.office365.com/.default"));
        api.as(ADMIN)
                .put()
                .uri("/api/v1/admin/mailboxes/m365")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.oauth.clientSecretRef")
                .isEqualTo("file:" + secret)
                .jsonPath("$.passwordRef")
                .doesNotExist();
        SERVER.deliver(OAUTH, TestMailServer.mail("m365@client.example", "anna@um.krakow.pl", "Via XOAUTH2", "x"));

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> assertThat(SERVER.subjects(OAUTH, "Processed")).contains("Via XOAUTH2"));
        TOKEN_ENDPOINT.verify(postRequestedFor(urlEqualTo("/tenant/oauth2/v2.0/token"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_id=app-1234"))
                .withRequestBody(containing("client_secret=" + CLIENT_SECRET))
                .withRequestBody(containing("scope=https%3A%2F%2Foutlook.office365.com%2F.default")));
        String listed = api.as(ADMIN)
                .get()
                .uri("/api/v1/admin/mailboxes")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(listed).doesNotContain(CLIENT_SECRET).doesNotContain(ACCESS_TOKEN);
        assertNoSecretLogged(CLIENT_SECRET, ACCESS_TOKEN);
        api.as(ADMIN)
                .delete()
                .uri("/api/v1/admin/mailboxes/m365")
                .exchange()
                .expectStatus()
                .isNoContent();
    }

    private void assertNoSecretLogged(String... secrets) {
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            String text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            for (String secret : secrets) {
                assertThat(text).as("a log line of %s", event.getLoggerName()).doesNotContain(secret);
            }
        }
    }

    /** Whether the field is there and not null (null fields are left out of the JSON). */
    private static boolean present(JsonNode node, String field) {
        return node != null && node.get(field) != null && !node.get(field).isNull();
    }

    private JsonNode mailbox(String name) {
        return api.as(ADMIN)
                .get()
                .uri("/api/v1/admin/mailboxes/{name}", name)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static JsonNode problem(
            org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec response, int status, String type) {
        JsonNode problem = response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(problem.get("type").asString()).endsWith("/" + type);
        return problem;
    }

    private static Map<String, Object> basic(String address, String passwordRef) {
        return basic(address, passwordRef, "helpdesk");
    }

    private static Map<String, Object> basic(String address, String passwordRef, String username) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("address", address);
        body.put("host", "127.0.0.1");
        body.put("port", SERVER.imapPort());
        body.put("security", "NONE");
        body.put("username", username);
        body.put("passwordRef", passwordRef);
        body.put("maxMessageSize", "10MB");
        body.put("pollInterval", "1m");
        return body;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static WireMockServer tokenEndpoint() {
        WireMockServer server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return server;
    }
}
