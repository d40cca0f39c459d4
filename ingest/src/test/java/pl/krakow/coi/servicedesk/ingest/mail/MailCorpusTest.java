package pl.krakow.coi.servicedesk.ingest.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each message of the corpus (src/test/resources/mail/corpus, see its README) parsed as its client wrote it. */
class MailCorpusTest {

    private final MimeMailParser parser = new MimeMailParser();

    static byte[] corpus(String name) {
        try (InputStream in = MailCorpusTest.class.getResourceAsStream("/mail/corpus/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No corpus message " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InboundMail parse(String name) throws MailRejected {
        return parser.parse(corpus(name));
    }

    @Test
    void outlookHtmlWithInlineImages() throws MailRejected {
        InboundMail mail = parse("01-outlook-html-inline-images.eml");

        assertThat(mail.subject()).isEqualTo("Drukarka w pokoju 214 nie drukuje - zacięcie papieru");
        assertThat(mail.from())
                .isEqualTo(new InboundMail.Address("grazyna.wojcik@um.krakow.pl", "Wydział Budżetu - Grażyna Wójcik"));
        assertThat(mail.to()).containsExactly(new InboundMail.Address("servicedesk@coi.krakow.pl", "Service Desk COI"));
        assertThat(mail.messageId())
                .isEqualTo("AM0PR09MB4123A1B2C3D4E5F6A7B8C9D0E1F2@AM0PR09MB4123.eurprd09.prod.outlook.com");
        assertThat(mail.inReplyTo()).isEmpty();
        assertThat(mail.sentAt()).isEqualTo(Instant.parse("2026-12-07T08:41:11Z"));
        assertThat(mail.text())
                .contains("drukarka HP LaserJet w pokoju 214 (II piętro, Wydział Budżetu) od rana nie drukuje.")
                .contains("\"Zacięcie papieru\"");
        assertThat(mail.trimmed()).startsWith("Dzień dobry,").contains("żadnej kartki");
        assertThat(mail.attachments())
                .extracting(
                        InboundMail.Part::filename,
                        InboundMail.Part::contentType,
                        InboundMail.Part::inline,
                        InboundMail.Part::contentId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "image001.png", "image/png", true, "image001.png@01DB48A1.5F3C2E10"),
                        org.assertj.core.groups.Tuple.tuple(
                                "image002.png", "image/png", true, "image002.png@01DB48A1.5F3C2E10"));
        assertThat(mail.attachments().get(0).content()).hasSize(75).startsWith(0x89, 'P', 'N', 'G');
        assertThat(mail.attachments().get(1).content()).hasSize(93);
        assertThat(mail.automatic()).isNull();
        assertThat(mail.bounce()).isNull();
        assertThat(mail.ownNotification()).isFalse();
    }

    @Test
    void outlookReplyToANotificationThreadsAndLosesTheQuotedNotification() throws MailRejected {
        InboundMail mail = parse("02-outlook-reply-to-notification.eml");

        // The Subject's encoded-words split "ź" between them.
        assertThat(mail.subject())
                .isEqualTo("RE: [INC-2026-000123] Czekamy na Twoją odpowiedź: Drukarka w pokoju 214 nie drukuje");
        assertThat(mail.from()).isEqualTo(new InboundMail.Address("grazyna.wojcik@um.krakow.pl", "Wójcik Grażyna"));
        assertThat(mail.inReplyTo()).containsExactly("ticket-123-ticket-event-977-5d41402abc4b@coi.krakow.pl");
        assertThat(mail.references())
                .containsExactly("ticket-123@coi.krakow.pl", "ticket-123-ticket-event-977-5d41402abc4b@coi.krakow.pl");
        assertThat(mail.text()).contains("Wysłano: poniedziałek, 7 grudnia 2026 10:02");
        assertThat(mail.trimmed()).isEqualTo("""
                        Dzień dobry,

                        tak, drukarka stoi w pokoju 214. Klucz do pokoju jest w sekretariacie u pani Basi.
                        Będę na miejscu do 15:30.

                        Pozdrawiam
                        Grażyna Wójcik""");
        assertThat(mail.attachments()).isEmpty();
        assertThat(mail.automatic()).isNull();
    }

    @Test
    void thunderbirdFlowedTextIsUnwrappedAndItsSignatureTrimmed() throws MailRejected {
        InboundMail mail = parse("03-thunderbird-flowed-signature.eml");

        assertThat(mail.subject()).isEqualTo("Nie mogę się zalogować do EZD po aktualizacji");
        assertThat(mail.from())
                .isEqualTo(new InboundMail.Address("lukasz.zolkiewski@um.krakow.pl", "Łukasz Żółkiewski"));
        assertThat(mail.to()).containsExactly(new InboundMail.Address("servicedesk@coi.krakow.pl", null));
        assertThat(mail.text())
                .contains("nie mogę się zalogować do aplikacji EZD. Po wpisaniu hasła pojawia się komunikat"
                        + " \"Nieprawidłowy certyfikat użytkownika\" i okno się zamyka.")
                // space-stuffed lines come back as written
                .contains("\n  >> 2026-12-07 08:03:11 ERROR cert chain invalid\n")
                .contains("\n From the log: the certificate expired?\n")
                .contains("-- \nŁukasz Żółkiewski");
        assertThat(mail.trimmed()).endsWith("Z poważaniem").doesNotContain("Wydział Geodezji");
        assertThat(mail.attachments()).singleElement().satisfies(part -> {
            assertThat(part.filename()).isEqualTo("dziennik-żółty.log");
            assertThat(part.contentType()).isEqualTo("text/plain");
            assertThat(part.inline()).isFalse();
            assertThat(new String(part.content(), java.nio.charset.StandardCharsets.UTF_8))
                    .startsWith("2026-12-07 08:03:11 ERROR");
        });
    }

    @Test
    void appleMailPrefersThePlainAlternative() throws MailRejected {
        InboundMail mail = parse("04-apple-mail-alternative.eml");

        assertThat(mail.subject()).isEqualTo("Konto w systemie Płatnik dla nowej pracownicy");
        assertThat(mail.from().name()).isEqualTo("Agnieszka Pęcherz");
        assertThat(mail.messageId()).isEqualTo("9F3E2D1C-0B4A-4958-8776-5A4B3C2D1E0F@um.krakow.pl");
        assertThat(mail.text())
                .startsWith("Dzień dobry,\n\nproszę o założenie konta w systemie Płatnik")
                .contains("pani Małgorzaty Śliwińskiej, od 14 grudnia.")
                .doesNotContain("<");
        assertThat(mail.trimmed()).contains("Zakres uprawnień taki sam jak dla pani Ewy Jóźwiak.");
        assertThat(mail.attachments()).isEmpty();
    }

    @Test
    void iphoneReplyOnTopKeepsOnlyWhatWasWritten() throws MailRejected {
        InboundMail mail = parse("05-iphone-reply-on-top.eml");

        assertThat(mail.subject())
                .isEqualTo(
                        "Re: [INC-2026-000123] Twoje zgłoszenie zostało rozwiązane: Drukarka w pokoju 214 nie drukuje");
        assertThat(mail.inReplyTo()).containsExactly("ticket-123-ticket-event-1012-5d41402abc4b@coi.krakow.pl");
        assertThat(mail.text())
                .contains("> zgłoszenie INC-2026-000123 zostało rozwiązane")
                .doesNotContain("\uFEFF");
        assertThat(mail.trimmed()).isEqualTo("Dziękuję, teraz działa. Można zamknąć.");
    }

    @Test
    void androidGmailReplyLosesTheWrappedAttributionAndTheQuote() throws MailRejected {
        InboundMail mail = parse("06-android-gmail-reply.eml");

        assertThat(mail.subject()).isEqualTo("Re: [INC-2026-000130] Czekamy na Twoją odpowiedź: Toner");
        assertThat(mail.from()).isEqualTo(new InboundMail.Address("anna.kowalczyk.krakow@gmail.com", "Anna Kowalczyk"));
        assertThat(mail.references())
                .containsExactly("ticket-130@coi.krakow.pl", "ticket-130-ticket-event-1040-9b1c2d3e4f50@coi.krakow.pl");
        assertThat(mail.text()).contains("napisał(a):");
        assertThat(mail.trimmed())
                .isEqualTo("Tak, proszę o wymianę tonera także w drugiej drukarce (pokój 216).\n\nAnna");
    }

    @Test
    void aForwardKeepsTheForwardedMessage() throws MailRejected {
        InboundMail mail = parse("07-gmail-forward.eml");

        assertThat(mail.subject()).isEqualTo("Fwd: Skaner w kancelarii");
        assertThat(mail.trimmed())
                .startsWith("Przekazuję zgłoszenie od pani z kancelarii")
                .contains("---------- Forwarded message ---------")
                .contains("skaner Fujitsu w kancelarii ogólnej zapisuje skany jako puste strony.");
    }

    @Test
    void iso88592OutlookExpress() throws MailRejected {
        InboundMail mail = parse("08-iso-8859-2-outlook-express.eml");

        assertThat(mail.subject()).isEqualTo("Pilne: nie działa rzutnik w sali obrad");
        assertThat(mail.from()).isEqualTo(new InboundMail.Address("rada.dzielnicy13@um.krakow.pl", "Bożena Łączyńska"));
        assertThat(mail.cc())
                .containsExactly(
                        new InboundMail.Address("sekretariat.dz13@um.krakow.pl", "Sekretariat Dzielnicy XIII"));
        assertThat(mail.messageId()).isEqualTo("000801db48a5$1c2d3e40$0b0c0a0a@DZIELNICA13");
        assertThat(mail.text())
                .contains("nie działa rzutnik (nie wykrywa źródła sygnału)")
                .contains("proszę o pilną wizytę technika")
                .contains("Bożena Łączyńska");
    }

    @Test
    void windows1250OutlookWithSplitBase64SubjectAndDashesWithoutTheSpace() throws MailRejected {
        InboundMail mail = parse("09-windows-1250-outlook.eml");

        assertThat(mail.subject()).isEqualTo("Uprawnienia do folderu – Wydział Środowiska");
        assertThat(mail.from()).isEqualTo(new InboundMail.Address("zofia.zrebiec@um.krakow.pl", "Zofia Źrebiec"));
        assertThat(mail.to()).containsExactly(new InboundMail.Address("servicedesk@coi.krakow.pl", "Service Desk COI"));
        assertThat(mail.text())
                .contains("\\\\fs01\\Wydział Środowiska\\Decyzje")
                .contains("pana Józefa Ćwiklińskiego")
                .contains("Wydział Kształtowania Środowiska");
        assertThat(mail.trimmed())
                .endsWith("Ścieżka jest potrzebna do pracy nad decyzjami środowiskowymi.")
                .doesNotContain("Zofia Źrebiec");
    }

    @Test
    void rawUtf8HeadersOfABrokenClient() throws MailRejected {
        InboundMail mail = parse("10-raw-utf8-headers-php-form.eml");

        assertThat(mail.subject()).isEqualTo("Zgłoszenie: czytnik kart – Wydział Komunikacji");
        assertThat(mail.from()).isEqualTo(new InboundMail.Address("jerzy.slezak@um.krakow.pl", "Jerzy Ślęzak"));
        // No charset declared: valid UTF-8, read as UTF-8.
        assertThat(mail.text()).contains("Imię i nazwisko: Jerzy Ślęzak").contains("z warstwą elektroniczną");
    }

    @Test
    void rawWindows1250HeadersBodyAndFileNameOfALegacyApplication() throws MailRejected {
        InboundMail mail = parse("11-raw-cp1250-headers-cdo.eml");

        assertThat(mail.subject()).isEqualTo("Błąd eksportu – ewidencja ludności (Źródło)");
        assertThat(mail.from())
                .isEqualTo(new InboundMail.Address("ewidencja@um.krakow.pl", "System Ewidencji Ludności"));
        // No charset declared, not UTF-8: Windows-1250.
        assertThat(mail.text())
                .startsWith("Raport dzienny systemu ewidencji ludności: błąd eksportu do PESEL.")
                .contains("bramką ŹRÓDŁO");
        assertThat(mail.attachments()).singleElement().satisfies(part -> {
            assertThat(part.filename()).isEqualTo("błędy-źródło.csv");
            assertThat(part.contentType()).isEqualTo("application/vnd.ms-excel");
            assertThat(part.content()).hasSize(46);
            assertThat(new String(part.content(), MailText.WINDOWS_1250)).contains("ŹRÓDŁO");
            assertThat(part.inline()).isFalse();
        });
    }

    @Test
    void sieveVacationReplyIsAutomatic() throws MailRejected {
        InboundMail mail = parse("12-out-of-office-sieve-vacation.eml");

        assertThat(mail.automatic()).isEqualTo("Auto-Submitted: auto-replied (vacation)");
        assertThat(mail.nullReturnPath()).isTrue();
        assertThat(mail.subject())
                .isEqualTo("Automatyczna odpowiedź: [INC-2026-000140] Nowy komentarz w Twoim zgłoszeniu");
        assertThat(mail.inReplyTo()).containsExactly("ticket-140-ticket-event-1101-aa00bb11cc22@coi.krakow.pl");
        assertThat(mail.bounce()).isNull();
    }

    @Test
    void exchangeOutOfOfficeIsAutomatic() throws MailRejected {
        InboundMail mail = parse("13-out-of-office-exchange.eml");

        assertThat(mail.automatic()).isEqualTo("Auto-Submitted: auto-generated");
        assertThat(mail.nullReturnPath()).isFalse();
        assertThat(mail.from()).isEqualTo(new InboundMail.Address("ewa.jozwiak@um.krakow.pl", "Jóźwiak Ewa"));
        assertThat(mail.subject()).isEqualTo("Automatyczna odpowiedź: [INC-2026-000141] Przyjęliśmy Twoje zgłoszenie");
        assertThat(mail.text())
                .contains("przebywam na zwolnieniu lekarskim do 11.12.2026.")
                .doesNotContain("P {");
        assertThat(mail.ownNotification()).isFalse();
    }

    @Test
    void postfixBounceNamesTheNotificationThatWasNotDelivered() throws MailRejected {
        InboundMail mail = parse("14-postfix-bounce.eml");

        assertThat(mail.bounce()).isNotNull();
        assertThat(mail.bounce().originalMessageIds())
                .containsExactly("ticket-150-ticket-event-1200-0a1b2c3d4e5f@coi.krakow.pl");
        assertThat(mail.bounce().recipients()).containsExactly("jan.nowak@um.krakow.pl");
        assertThat(mail.bounce().status()).isEqualTo("5.1.1");
        assertThat(mail.bounce().diagnostic())
                .isEqualTo("550 5.1.1 <jan.nowak@um.krakow.pl>: Recipient address rejected: User unknown in virtual"
                        + " mailbox table");
        assertThat(mail.bounce().permanent()).isTrue();
        assertThat(mail.nullReturnPath()).isTrue();
        assertThat(mail.automatic()).isEqualTo("Auto-Submitted: auto-replied");
        assertThat(mail.from())
                .isEqualTo(new InboundMail.Address("mailer-daemon@mail.coi.krakow.pl", "Mail Delivery System"));
        assertThat(mail.text()).startsWith("This is the mail system at host mail.coi.krakow.pl.");
        // The returned notification is kept as a file, not read as the desk's own mail.
        assertThat(mail.ownNotification()).isFalse();
        assertThat(mail.attachments()).singleElement().satisfies(part -> {
            assertThat(part.contentType()).isEqualTo("message/rfc822");
            assertThat(part.filename()).endsWith(".eml").contains("Przyjęliśmy Twoje zgłoszenie");
        });
    }

    @Test
    void exchangeBounceNamesTheNotificationThatWasNotDelivered() throws MailRejected {
        InboundMail mail = parse("15-exchange-bounce.eml");

        assertThat(mail.bounce()).isNotNull();
        assertThat(mail.bounce().originalMessageIds())
                .containsExactly("ticket-151-ticket-event-1210-7e8f9a0b1c2d@coi.krakow.pl");
        assertThat(mail.bounce().recipients()).containsExactly("krzysztof.mazur@um.krakow.pl");
        assertThat(mail.bounce().status()).isEqualTo("5.1.10");
        assertThat(mail.bounce().diagnostic()).startsWith("550 5.1.10 RESOLVER.ADR.RecipientNotFound");
        assertThat(mail.bounce().permanent()).isTrue();
        assertThat(mail.subject())
                .isEqualTo("Niedostarczalne: [INC-2026-000151] Nowy komentarz w Twoim zgłoszeniu: Monitor");
        assertThat(mail.text()).startsWith("Nie można dostarczyć wiadomości do następujących adresatów:");
        assertThat(mail.attachments()).isEmpty();
        assertThat(mail.automatic()).isEqualTo("Auto-Submitted: auto-replied");
    }

    @Test
    void mailingListPostIsAutomatic() throws MailRejected {
        InboundMail mail = parse("16-mailing-list-mailman.eml");

        assertThat(mail.automatic()).isEqualTo("Precedence: list");
        assertThat(mail.subject()).isEqualTo("[IT-news] Planowana przerwa w pracy poczty 12.12.2026");
        assertThat(mail.from().name()).isEqualTo("Dział Informatyki");
    }

    @Test
    void multipartWithoutABoundaryIsMalformed() {
        assertThatThrownBy(() -> parse("17-broken-multipart-no-boundary.eml"))
                .isInstanceOfSatisfying(
                        MailRejected.class, e -> assertThat(e.reason()).isEqualTo(MailRejected.Reason.MALFORMED_MIME))
                .hasMessageContaining("boundary");
    }

    @Test
    void truncatedMultipartIsReadAsFarAsItGoes() throws MailRejected {
        InboundMail mail = parse("18-truncated-multipart-readable.eml");

        assertThat(mail.subject()).isEqualTo("Zdjęcie uszkodzonego monitora");
        assertThat(mail.trimmed()).isEqualTo("Monitor w pokoju 105 ma pęknięty ekran, zdjęcie w załączniku.");
        assertThat(mail.attachments()).singleElement().satisfies(part -> {
            assertThat(part.filename()).isEqualTo("monitor.jpg");
            assertThat(part.contentType()).isEqualTo("image/jpeg");
            assertThat(part.content()).startsWith(0xFF, 0xD8, 0xFF).hasSize(138);
        });
    }

    @Test
    void strangerWithATicketNumberInTheSubjectHasNoThreadIds() throws MailRejected {
        InboundMail mail = parse("19-stranger-number-in-subject.eml");

        assertThat(mail.subject()).isEqualTo("Re: [INC-2026-000123] drukarka - mam ten sam problem");
        assertThat(mail.from()).isEqualTo(new InboundMail.Address("k.lis1987@onet.pl", "Karol Lis"));
        assertThat(mail.inReplyTo()).isEmpty();
        assertThat(mail.references()).isEmpty();
        assertThat(mail.automatic()).isNull();
        assertThat(mail.trimmed()).contains("u mnie w domu drukarka też nie drukuje");
    }

    @Test
    void theDesksOwnNotificationIsRecognised() throws MailRejected {
        InboundMail mail = parse("20-own-notification-read-back.eml");

        assertThat(mail.ownNotification()).isTrue();
        assertThat(mail.automatic()).isEqualTo("Auto-Submitted: auto-generated");
        assertThat(mail.messageId()).isEqualTo("ticket-160-ticket-event-1300-d41d8cd98f00@coi.krakow.pl");
        assertThat(mail.subject()).isEqualTo("[INC-2026-000160] Przyjęliśmy Twoje zgłoszenie: Test");
    }

    @Test
    void thunderbirdHtmlReplyLosesTheCitedNotification() throws MailRejected {
        InboundMail mail = parse("21-thunderbird-html-reply.eml");

        assertThat(mail.subject()).isEqualTo("Re: [INC-2026-000170] Czekamy na Twoją odpowiedź: Monitor miga");
        assertThat(mail.from()).isEqualTo(new InboundMail.Address("marek.wrobel@um.krakow.pl", "Marek Wróbel"));
        assertThat(mail.inReplyTo()).containsExactly("ticket-170-ticket-event-1400-1f2e3d4c5b6a@coi.krakow.pl");
        assertThat(mail.text())
                .contains("Może to zasilacz? Jestem w pokoju 105 do 16:00.")
                .contains("W dniu 7.12.2026 o 14:05, Service Desk COI pisze:");
        assertThat(mail.trimmed()).isEqualTo("""
                        Dzień dobry,

                        monitor nadal miga, także po wymianie kabla. Może to zasilacz? Jestem w pokoju 105 do 16:00.

                        Marek""");
    }

    @Test
    void aThirtyMegabyteMailKeepsItsAttachmentWhole() throws MailRejected {
        byte[] raw = LargeMail.bytes(30);
        assertThat(raw.length).isBetween(30 * 1024 * 1024 - 100, 30 * 1024 * 1024 + 4096);

        InboundMail mail = parser.parse(raw);

        assertThat(mail.subject()).isEqualTo(LargeMail.SUBJECT);
        assertThat(mail.from().name()).isEqualTo("Kancelaria Wydziału Zamówień");
        assertThat(mail.text())
                .isEqualTo("Dzień dobry,\n\nw załączeniu skan dokumentacji do archiwum elektronicznego.");
        assertThat(mail.attachments()).singleElement().satisfies(part -> {
            assertThat(part.filename()).isEqualTo(LargeMail.ATTACHMENT_NAME);
            assertThat(part.contentType()).isEqualTo("application/pdf");
            assertThat(part.content()).isEqualTo(LargeMail.attachment(30));
        });
    }

    @Test
    void everyCorpusMessageButTheBrokenOneParses() {
        for (String name : List.of(
                "01-outlook-html-inline-images.eml",
                "02-outlook-reply-to-notification.eml",
                "03-thunderbird-flowed-signature.eml",
                "04-apple-mail-alternative.eml",
                "05-iphone-reply-on-top.eml",
                "06-android-gmail-reply.eml",
                "07-gmail-forward.eml",
                "08-iso-8859-2-outlook-express.eml",
                "09-windows-1250-outlook.eml",
                "10-raw-utf8-headers-php-form.eml",
                "11-raw-cp1250-headers-cdo.eml",
                "12-out-of-office-sieve-vacation.eml",
                "13-out-of-office-exchange.eml",
                "14-postfix-bounce.eml",
                "15-exchange-bounce.eml",
                "16-mailing-list-mailman.eml",
                "18-truncated-multipart-readable.eml",
                "19-stranger-number-in-subject.eml",
                "20-own-notification-read-back.eml",
                "21-thunderbird-html-reply.eml")) {
            InboundMail mail;
            try {
                mail = parse(name);
            } catch (MailRejected e) {
                throw new AssertionError(name + " was rejected: " + e.getMessage(), e);
            }
            assertThat(mail.text()).as(name).isNotBlank().doesNotContain("\r", "<div", "<p>", "&nbsp;", "\uFFFD");
            assertThat(mail.subject()).as(name).isNotBlank().doesNotContain("=?", "\uFFFD");
            assertThat(mail.from()).as(name).isNotNull();
            assertThat(mail.messageId()).as(name).isNotNull().doesNotContain("<", ">");
        }
    }
}
