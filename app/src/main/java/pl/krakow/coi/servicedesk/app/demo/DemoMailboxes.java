package pl.krakow.coi.servicedesk.app.demo;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.app.StartupReportContributor;

/** Prints the demo mail server's ports and how to read a demo person's mail in the start-up report. */
@Component
class DemoMailboxes implements StartupReportContributor {

    private final ObjectProvider<DemoMailServer> server;

    DemoMailboxes(ObjectProvider<DemoMailServer> server) {
        this.server = server;
    }

    @Override
    public List<String> lines(String baseUrl) {
        DemoMailServer mail = server.getIfAvailable();
        if (mail == null) {
            return List.of();
        }
        return List.of(
                "  Demo mail        SMTP " + DemoMailServer.HOST + ":" + mail.smtpPort() + ", IMAP "
                        + DemoMailServer.HOST + ":" + mail.imapPort() + " (no TLS): the desk's notifications",
                "                   each demo person's mailbox: IMAP login = username, password '"
                        + DemoAccounts.PASSWORD
                        + "' (e.g. anna.nowak -> anna.nowak@" + DemoAccounts.EMPLOYEE_DOMAIN
                        + ", jan.kowalski -> jan.kowalski@"
                        + DemoAccounts.STAFF_DOMAIN + ")",
                "                   any other address (a unit mailbox): login and password = the address",
                "  Write to the desk send a mail over that SMTP to " + DemoMailServer.DESK_ADDRESS
                        + " from a demo person's address: it becomes a ticket; a reply to a notification a comment");
    }
}
