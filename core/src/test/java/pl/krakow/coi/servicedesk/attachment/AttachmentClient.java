package pl.krakow.coi.servicedesk.attachment;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.LocalTokenIssuer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP to the attachment API, with full control of the body (raw, multipart, cut short). */
final class AttachmentClient {

    final int port;
    final LocalTokenIssuer issuer;
    final JsonMapper json;
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AttachmentClient(int port, LocalTokenIssuer issuer, JsonMapper json) {
        this.port = port;
        this.issuer = issuer;
        this.json = json;
    }

    record Answer(int status, java.net.http.HttpHeaders headers, byte[] body, JsonMapper mapper) {

        JsonNode json() {
            return mapper.readTree(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The problem type's slug. */
        String problem() {
            String type = json().path("type").asString();
            return type.substring(type.lastIndexOf('/') + 1);
        }

        @Override
        public String toString() {
            return status + " " + new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8);
        }
    }

    String token(CurrentUser user) {
        return issuer.issue(user).accessToken();
    }

    Answer send(String method, String path, CurrentUser user, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token(user))
                .method(method, body);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers(), response.body(), json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer get(String path, CurrentUser user) {
        return send("GET", path, user, HttpRequest.BodyPublishers.noBody());
    }

    Answer postJson(String path, CurrentUser user, String body) {
        return send("POST", path, user, HttpRequest.BodyPublishers.ofString(body), "Content-Type", "application/json");
    }

    /** Files a ticket as {@code requester}; its id. */
    long ticket(CurrentUser requester) {
        Answer answer = postJson(
                "/api/v1/tickets",
                requester,
                "{\"title\":\"Błąd w aplikacji\",\"description\":\"Zrzut ekranu w załączniku.\"}");
        if (answer.status() != 201) {
            throw new IllegalStateException(answer.toString());
        }
        return answer.json().get("id").asLong();
    }

    /** Comments on the ticket; the comment's id. */
    long comment(long ticket, CurrentUser user, String body, boolean internal) {
        Answer answer = postJson(
                "/api/v1/tickets/" + ticket + "/comments",
                user,
                "{\"body\":\"" + body + "\",\"internal\":" + internal + "}");
        if (answer.status() != 200) {
            throw new IllegalStateException(answer.toString());
        }
        JsonNode comments = get("/api/v1/tickets/" + ticket + "/comments", user).json();
        return comments.get(comments.size() - 1).get("id").asLong();
    }

    /** Uploads {@code content} as the raw body, named by the query. */
    Answer raw(String path, CurrentUser user, String filename, byte[] content) {
        return send(
                "POST",
                path + (path.contains("?") ? "&" : "?") + "filename="
                        + URLEncoder.encode(filename, StandardCharsets.UTF_8),
                user,
                HttpRequest.BodyPublishers.ofByteArray(content),
                "Content-Type",
                "application/octet-stream");
    }

    /** Uploads {@code content} as part {@code file} of a multipart/form-data body. */
    Answer multipart(String path, CurrentUser user, String filename, byte[] content) {
        String boundary = "----" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return send(
                "POST",
                path,
                user,
                HttpRequest.BodyPublishers.ofByteArray(body),
                "Content-Type",
                "multipart/form-data; boundary=" + boundary);
    }

    /**
     * Sends the head of a raw upload declaring {@code declared} bytes, then only {@code sent} bytes, and closes the
     * connection: a client that went away mid-upload.
     */
    void cutShort(String path, CurrentUser user, String filename, long declared, byte[] sent) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + "?filename=" + filename + " HTTP/1.1\r\nHost: localhost:" + port
                            + "\r\nAuthorization: Bearer " + token(user)
                            + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + declared
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(sent);
            out.flush();
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> headersOf(Answer answer) {
        return Map.of(
                "Content-Type", String.valueOf(answer.header("Content-Type")),
                "Content-Disposition", String.valueOf(answer.header("Content-Disposition")),
                "X-Content-Type-Options", String.valueOf(answer.header("X-Content-Type-Options")));
    }
}
