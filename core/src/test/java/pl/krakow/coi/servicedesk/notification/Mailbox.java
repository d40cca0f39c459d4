package pl.krakow.coi.servicedesk.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server for the notification tests (GreenMail) on a port that stays the same when it is stopped and
 * started again, and what it received, decoded.
 */
final class Mailbox {

    private final int port;
    private GreenMail server;

    Mailbox() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    int port() {
        return port;
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        setup.setServerStartupTimeout(20_000);
        server = new GreenMail(setup);
        server.start();
    }

    synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** A received mail: to whom, its headers that matter, and its subject and text parts decoded. */
    record Mail(List<String> to, String subject, String text, String messageId, String inReplyTo, MimeMessage raw) {

        String header(String name) {
            try {
                String[] values = raw.getHeader(name);
                return values == null ? null : values[0];
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Subject, text and HTML: everything the recipient reads. */
        String all() {
            return subject + "\n" + text;
        }
    }

    synchronized List<Mail> all() {
        if (server == null) {
            return List.of();
        }
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            mails.add(read(message));
        }
        return mails;
    }

    /** The mails to {@code address} about ticket {@code ticketId} (by their thread). */
    List<Mail> about(long ticketId, String address) {
        return all().stream()
                .filter(m -> m.to().contains(address))
                .filter(m -> m.inReplyTo() != null && m.inReplyTo().contains("ticket-" + ticketId + "@"))
                .toList();
    }

    private static Mail read(MimeMessage message) {
        try {
            Address[] recipients = message.getRecipients(Message.RecipientType.TO);
            List<String> to = recipients == null
                    ? List.of()
                    : Arrays.stream(recipients)
                            .map(a -> ((jakarta.mail.internet.InternetAddress) a).getAddress())
                            .toList();
            String[] inReplyTo = message.getHeader("In-Reply-To");
            return new Mail(
                    to,
                    message.getSubject(),
                    text(message.getContent()),
                    message.getMessageID(),
                    inReplyTo == null ? null : inReplyTo[0],
                    message);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                all.append(text(part.getContent())).append('\n');
            }
            return all.toString();
        }
        return "";
    }
}
