package pl.krakow.coi.servicedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.krakow.coi.servicedesk.testing.SharedStackAccess;
import pl.krakow.coi.servicedesk.testing.TimingSensitive;

/**
 * What the README's run command does, checked end to end: the application started without external
 * URLs brings up its own PostgreSQL and Elasticsearch (next to the test suite's, without collision),
 * becomes healthy, and on SIGINT (Ctrl-C) or SIGTERM stops itself and both servers within 15 s.
 */
@TimingSensitive
class RunCommandIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsOnTheEmbeddedStackAndStopsEverythingOnCtrlC(@TempDir Path tmp) throws Exception {
        assertStartsAndStopsCleanly(tmp, "INT", true);
    }

    @Test
    void stopsEverythingOnSigterm(@TempDir Path tmp) throws Exception {
        assertStartsAndStopsCleanly(tmp, "TERM", false);
    }

    private void assertStartsAndStopsCleanly(Path tmp, String signal, boolean mailToTheDesk) throws Exception {
        int port = freePort();
        int smtpPort = freePort();
        int imapPort = freePort();
        Path log = tmp.resolve("app.log");
        // A terminal's Ctrl-C reaches a process whose SIGINT is at its default; a build started in the
        // background (nohup, CI runners) hands its children SIGINT ignored, which the JVM keeps. env
        // restores the defaults, so the test sees what a user at a terminal sees.
        List<String> command = new ArrayList<>(List.of(
                "env",
                "--default-signal=INT,TERM",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                SharedStackAccess.classPath(),
                "-Dservicedesk.embedded.repository=" + System.getProperty("servicedesk.embedded.repository", ""),
                ServiceDeskApplication.class.getName(),
                "--server.port=" + port,
                "--servicedesk.embedded.mail.smtp-port=" + smtpPort,
                "--servicedesk.embedded.mail.imap-port=" + imapPort,
                "--servicedesk.demo-data.enabled=false"));
        long started = System.nanoTime();
        Process app = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            awaitHealthy(app, port, log);
            System.out.printf("healthy after %d ms%n", (System.nanoTime() - started) / 1_000_000);
            assertThat(Files.readString(log))
                    .contains("COI Service Desk is running")
                    .contains("http://localhost:" + port);

            if (mailToTheDesk) {
                assertAMailToTheDeskBecomesATicket(smtpPort, imapPort);
            }

            List<ProcessHandle> servers = app.descendants().toList();
            assertThat(servers)
                    .as("PostgreSQL and Elasticsearch run as children")
                    .hasSizeGreaterThanOrEqualTo(2);

            long stopping = System.nanoTime();
            // The shell's own kill: /bin/kill comes with procps, which a minimal Debian lacks.
            new ProcessBuilder("sh", "-c", "kill -s " + signal + " " + app.pid())
                    .start()
                    .waitFor();
            assertThat(app.waitFor(15, TimeUnit.SECONDS))
                    .as("the app exits within 15 s")
                    .isTrue();
            for (ProcessHandle server : servers) {
                server.onExit()
                        .get(Math.max(1, 15_000 - (System.nanoTime() - stopping) / 1_000_000), TimeUnit.MILLISECONDS);
                assertThat(server.isAlive()).as("server pid %d", server.pid()).isFalse();
            }
            System.out.printf("stopped on SIG%s after %d ms%n", signal, (System.nanoTime() - stopping) / 1_000_000);
            assertThat(Files.readString(log)).contains("Embedded stack stopped");
        } finally {
            if (app.isAlive()) {
                app.descendants().forEach(ProcessHandle::destroyForcibly);
                app.destroyForcibly();
            }
        }
    }

    /**
     * The run's e-mail channel end to end: a mail to the desk's address becomes a ticket, whose "registered"
     * notification comes back to the sender's own mailbox on the run's mail server (without demo data the sender is
     * unknown to the people register, so the ticket's requester is their address).
     */
    private static void assertAMailToTheDeskBecomesATicket(int smtpPort, int imapPort) throws Exception {
        java.util.Properties smtp = new java.util.Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", String.valueOf(smtpPort));
        jakarta.mail.Session session = jakarta.mail.Session.getInstance(smtp);
        jakarta.mail.internet.MimeMessage mail = new jakarta.mail.internet.MimeMessage(session);
        mail.setFrom(new jakarta.mail.internet.InternetAddress("anna.nowak@um.krakow.pl", "Anna Nowak", "UTF-8"));
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, "servicedesk@coi.krakow.pl");
        mail.setSubject("Nie działa skaner w pokoju 12", "UTF-8");
        mail.setText("Skaner nie włącza się od rana.", "UTF-8");
        jakarta.mail.Transport.send(mail);

        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<String> subjects = List.of();
        while (System.nanoTime() < deadline) {
            subjects = inbox(imapPort, "anna.nowak", "demo");
            if (subjects.stream().anyMatch(subject -> subject.contains("Nie działa skaner w pokoju 12"))) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(subjects)
                .as("the ticket's registered notification in the sender's mailbox")
                .anySatisfy(subject ->
                        assertThat(subject).matches("\\[INC-\\d{4}-\\d+] .*Nie działa skaner w pokoju 12.*"));
    }

    private static List<String> inbox(int imapPort, String login, String password) throws Exception {
        jakarta.mail.Store store =
                jakarta.mail.Session.getInstance(new java.util.Properties()).getStore("imap");
        store.connect("127.0.0.1", imapPort, login, password);
        try {
            jakarta.mail.Folder inbox = store.getFolder("INBOX");
            inbox.open(jakarta.mail.Folder.READ_ONLY);
            List<String> subjects = new ArrayList<>();
            for (jakarta.mail.Message message : inbox.getMessages()) {
                subjects.add(message.getSubject());
            }
            inbox.close(false);
            return subjects;
        } finally {
            store.close();
        }
    }

    private static int freePort() throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitHealthy(Process app, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            assertThat(app.isAlive())
                    .as("app still running; log:%n%s", Files.readString(log))
                    .isTrue();
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                last = health.body();
                if (health.statusCode() == 200 && last.endsWith("\"status\":\"UP\"}")) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not healthy within 180 s; last answer " + last);
    }
}
