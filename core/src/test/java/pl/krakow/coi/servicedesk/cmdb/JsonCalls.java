package pl.krakow.coi.servicedesk.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.web.ProblemTypes;
import pl.krakow.coi.servicedesk.testing.Api;
import tools.jackson.databind.JsonNode;

/** Real HTTP calls with JSON bodies, answering status, headers and body together. */
public final class JsonCalls {

    private final Api api;

    public JsonCalls(Api api) {
        this.api = api;
    }

    /** A response: status, ETag, body. */
    public record Response(int status, HttpHeaders headers, JsonNode body) {

        public Response expect(int expected) {
            assertThat(status).as("HTTP status; body: %s", body).isEqualTo(expected);
            return this;
        }

        /** Asserts a problem response of this status and type slug. */
        public Response problem(int expected, String type) {
            expect(expected);
            assertThat(headers.getContentType()).isNotNull();
            assertThat(headers.getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .isTrue();
            assertThat(body.get("type").asString()).isEqualTo(ProblemTypes.BASE + type);
            return this;
        }

        public long id() {
            return body.get("id").asLong();
        }

        public String etag() {
            return headers.getETag();
        }
    }

    public Response get(CurrentUser user, String uri, Object... vars) {
        return send(user, HttpMethod.GET, uri, null, null, vars);
    }

    public Response post(CurrentUser user, String uri, Object body, Object... vars) {
        return send(user, HttpMethod.POST, uri, body, null, vars);
    }

    public Response put(CurrentUser user, String uri, Object body, String ifMatch, Object... vars) {
        return send(user, HttpMethod.PUT, uri, body, ifMatch, vars);
    }

    public Response delete(CurrentUser user, String uri, Object... vars) {
        return send(user, HttpMethod.DELETE, uri, null, null, vars);
    }

    public Response send(CurrentUser user, HttpMethod method, String uri, Object body, String ifMatch, Object... vars) {
        RestTestClient.RequestBodySpec request = api.as(user).method(method).uri(uri, vars);
        if (ifMatch != null) {
            request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        EntityExchangeResult<JsonNode> result = request.exchange().returnResult(JsonNode.class);
        return new Response(result.getStatus().value(), result.getResponseHeaders(), result.getResponseBody());
    }
}
