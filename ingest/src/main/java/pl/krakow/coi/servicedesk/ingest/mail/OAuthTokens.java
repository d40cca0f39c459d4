package pl.krakow.coi.servicedesk.ingest.mail;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access tokens of the OAuth 2 client-credentials grant (RFC 6749 §4.4) for XOAUTH2 mailboxes: a form POST of
 * {@code client_id}, {@code client_secret}, {@code scope} and {@code grant_type=client_credentials} to the token
 * endpoint. A token is kept until shortly before it expires ({@code expires_in}), then a new one is asked for. A
 * failure says what the endpoint answered ({@code error}), never the secret or the token.
 */
final class OAuthTokens {

    /** A token is renewed this long before it expires (the IMAP login and a clock skew fit in between). */
    static final Duration EARLY = Duration.ofMinutes(2);

    private final HttpClient http;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration timeout;
    private final Map<Key, Token> cache = new ConcurrentHashMap<>();

    OAuthTokens(JsonMapper json, Clock clock, Duration timeout) {
        this.json = json;
        this.clock = clock;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A token endpoint that did not give a token; the message holds no secret. */
    static final class TokenUnavailable extends Exception {
        TokenUnavailable(String message) {
            super(message);
        }
    }

    private record Key(String tokenUri, String clientId, String scope, int secretHash) {}

    private record Token(String value, Instant renewAt) {}

    /** A valid access token for the client, from the cache or the endpoint. */
    String token(String tokenUri, String clientId, String clientSecret, String scope) throws TokenUnavailable {
        Key key = new Key(tokenUri, clientId, scope, Objects.hashCode(clientSecret));
        Token cached = cache.get(key);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.renewAt())) {
            return cached.value();
        }
        Token fresh = fetch(tokenUri, clientId, clientSecret, scope, now);
        cache.put(key, fresh);
        return fresh.value();
    }

    /** Forgets the client's token (the server refused it), so the next login asks for a new one. */
    void forget(String tokenUri, String clientId, String clientSecret, String scope) {
        cache.remove(new Key(tokenUri, clientId, scope, Objects.hashCode(clientSecret)));
    }

    private Token fetch(String tokenUri, String clientId, String clientSecret, String scope, Instant now)
            throws TokenUnavailable {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        if (scope != null && !scope.isBlank()) {
            form.put("scope", scope);
        }
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(tokenUri))
                    .timeout(timeout)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new TokenUnavailable("Token endpoint is not a valid URI");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TokenUnavailable("Token endpoint " + request.uri().getHost() + " cannot be reached: "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailable("Interrupted while asking for a token");
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (RuntimeException e) {
            answer = null;
        }
        if (response.statusCode() != 200) {
            String error = answer == null || answer.get("error") == null
                    ? "no error code"
                    : safe(answer.get("error").asString());
            throw new TokenUnavailable(
                    "Token endpoint answered " + response.statusCode() + " (" + error + ") for client " + clientId);
        }
        JsonNode token = answer == null ? null : answer.get("access_token");
        if (token == null || !token.isString() || token.asString().isBlank()) {
            throw new TokenUnavailable("Token endpoint answered without an access_token for client " + clientId);
        }
        JsonNode expiresIn = answer.get("expires_in");
        long seconds = expiresIn == null ? 3600 : expiresIn.asLong(3600);
        Duration lifetime = Duration.ofSeconds(Math.max(0, seconds));
        // A short-lived token is kept for half its life rather than not at all.
        Duration keep = lifetime.compareTo(EARLY.multipliedBy(2)) > 0 ? lifetime.minus(EARLY) : lifetime.dividedBy(2);
        return new Token(token.asString(), now.plus(keep));
    }

    /** An error code as the endpoint sent it, cut and stripped to what an error code may contain. */
    private static String safe(String code) {
        String cleaned = code.replaceAll("[^A-Za-z0-9_.-]", "");
        return cleaned.length() > 60 ? cleaned.substring(0, 60) : cleaned;
    }
}
