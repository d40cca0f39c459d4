package pl.krakow.coi.servicedesk.ingest.mail;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A real IMAP and SMTP server (GreenMail) in the test JVM, on ports that stay the same across a restart, with
 * helpers to deliver raw mails and look into a user's folders.
 */
final class TestMailServer implements AutoCloseable {

    private final int imapPort = freePort();
    private final int smtpPort = freePort();
    private final GreenMail server;

    TestMailServer() {
        ServerSetup imap = new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
        ServerSetup smtp = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        imap.setServerStartupTimeout(20_000);
        smtp.setServerStartupTimeout(20_000);
        server = new GreenMail(new ServerSetup[] {imap, smtp});
        server.start();
    }

    int imapPort() {
        return imapPort;
    }

    GreenMailUser user(String email, String login, String password) {
        return server.setUser(email, login, password);
    }

    /** Delivers the message, byte for byte as given, into the user's INBOX. */
    void deliver(GreenMailUser user, byte[] raw) {
        try {
            user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The subjects in a folder of the user ({@code INBOX}, {@code Processed}); empty when it does not exist. */
    List<String> subjects(GreenMailUser user, String folder) {
        List<String> subjects = new ArrayList<>();
        MailFolder found = folder(user, folder);
        if (found == null) {
            return subjects;
        }
        for (StoredMessage message : found.getMessages()) {
            try {
                subjects.add(message.getMimeMessage().getSubject());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return subjects;
    }

    private MailFolder folder(GreenMailUser user, String name) {
        try {
            if (name.equals("INBOX")) {
                return server.getManagers().getImapHostManager().getInbox(user);
            }
            for (MailFolder folder : server.getManagers().getImapHostManager().listMailboxes(user, "*")) {
                if (folder.getName().equals(name)) {
                    return folder;
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plain-text mail with 8-bit UTF-8 in its subject header, as a client that ignores RFC 2047 sends it. */
    static byte[] mail(String messageId, String from, String subject, String body) {
        StringBuilder text = new StringBuilder();
        text.append("From: ").append(from).append("\r\n");
        text.append("To: desk@coi.krakow.pl\r\n");
        text.append("Subject: ").append(subject).append("\r\n");
        if (messageId != null) {
            text.append("Message-ID: <").append(messageId).append(">\r\n");
        }
        text.append("Date: Mon, 7 Dec 2026 10:00:00 +0100\r\n");
        text.append("MIME-Version: 1.0\r\n");
        text.append("Content-Type: text/plain; charset=UTF-8\r\n");
        text.append("Content-Transfer-Encoding: 8bit\r\n\r\n");
        text.append(body).append("\r\n");
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
