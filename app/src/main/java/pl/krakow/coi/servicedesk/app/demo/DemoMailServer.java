package pl.krakow.coi.servicedesk.app.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;

/**
 * The embedded run's mail server (GreenMail, in memory): SMTP for the desk's notifications and IMAP for reading
 * them, with a mailbox per demo person (login: the username, password {@value DemoAccounts#PASSWORD}). A mail to
 * any other address (a unit's mailbox) gets a mailbox of its own on arrival, whose login and password are the
 * address. Listens on 127.0.0.1 only.
 */
final class DemoMailServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoMailServer.class);
    static final String HOST = "127.0.0.1";
    /** The desk's own mailbox, read by the e-mail channel: mail a demo person sends here becomes a ticket. */
    static final String DESK_ADDRESS = "servicedesk@coi.krakow.pl";

    static final String DESK_LOGIN = "servicedesk";

    private final GreenMail server;
    private final String deskPassword;

    private DemoMailServer(GreenMail server, String deskPassword) {
        this.server = server;
        this.deskPassword = deskPassword;
    }

    /**
     * Starts the server on the given ports, or on free ones when they are taken (or 0), with the demo people's
     * mailboxes.
     */
    static DemoMailServer start(int smtpPort, int imapPort, List<CurrentUser> people) {
        GreenMail server;
        try {
            server = started(smtpPort, imapPort);
        } catch (RuntimeException e) {
            if (smtpPort == 0 && imapPort == 0) {
                throw e;
            }
            log.warn(
                    "Demo mail server: ports {}/{} not available ({}), using free ones",
                    smtpPort,
                    imapPort,
                    e.getMessage());
            server = started(0, 0);
        }
        for (CurrentUser person : people) {
            server.setUser(DemoAccounts.email(person), person.username(), DemoAccounts.PASSWORD);
        }
        // Only the desk's reader signs in to its mailbox: a password of this run, handed over in a file.
        String deskPassword = java.util.UUID.randomUUID().toString();
        server.setUser(DESK_ADDRESS, DESK_LOGIN, deskPassword);
        return new DemoMailServer(server, deskPassword);
    }

    private static GreenMail started(int smtpPort, int imapPort) {
        GreenMail server = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtpPort, HOST, ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imapPort, HOST, ServerSetup.PROTOCOL_IMAP)
        });
        try {
            server.start();
            return server;
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    int smtpPort() {
        return server.getSmtp().getPort();
    }

    int imapPort() {
        return server.getImap().getPort();
    }

    String deskPassword() {
        return deskPassword;
    }

    @Override
    public void close() {
        server.stop();
    }
}
