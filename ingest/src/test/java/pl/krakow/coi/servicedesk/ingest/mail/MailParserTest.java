package pl.krakow.coi.servicedesk.ingest.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The parser's rules one by one, on small messages written here. */
class MailParserTest {

    private final MimeMailParser parser = new MimeMailParser();

    // ---- helpers

    private static byte[] bytes(Object... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object piece : pieces) {
            out.writeBytes(piece instanceof byte[] b ? b : piece.toString().getBytes(StandardCharsets.UTF_8));
        }
        String text = new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static final String HEADERS = """
            From: Jan Kowalski <jan.kowalski@um.krakow.pl>
            To: servicedesk@coi.krakow.pl
            Subject: Test
            Date: Mon, 7 Dec 2026 10:00:00 +0100
            Message-ID: <test-1@um.krakow.pl>
            MIME-Version: 1.0
            """;

    private InboundMail plain(String extraHeaders, String body) throws MailRejected {
        return parser.parse(bytes(
                HEADERS,
                extraHeaders,
                "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n",
                body));
    }

    private InboundMail html(String body) throws MailRejected {
        return parser.parse(bytes(HEADERS, "Content-Type: text/html; charset=UTF-8\n\n", body));
    }

    private InboundMail withSubject(String subject) throws MailRejected {
        return parser.parse(bytes("From: jan@um.krakow.pl\nSubject: ", subject, "\nContent-Type: text/plain\n\nx\n"));
    }

    // ---- headers

    @Test
    void encodedWordsInPolishCharsetsAndBothEncodings() throws MailRejected {
        assertThat(withSubject("=?ISO-8859-2?Q?Zg=B3oszenie_awarii_=BF=F3=B3w?=")
                        .subject())
                .isEqualTo("Zgłoszenie awarii żółw");
        assertThat(withSubject("=?windows-1250?Q?=8Cwietlica_=9Filtr?=").subject())
                .isEqualTo("Świetlica źiltr");
        assertThat(withSubject("=?utf-8?b?WmfFgm9zemVuaWU=?=").subject()).isEqualTo("Zgłoszenie");
        assertThat(withSubject("=?iso-8859-2?B?s7G/?=").subject()).isEqualTo("łąż");
    }

    @Test
    void aCharacterSplitBetweenTwoEncodedWordsSurvives() throws MailRejected {
        // "ż" is C5 BC in UTF-8; some encoders cut between the bytes.
        assertThat(withSubject("=?UTF-8?Q?Gra=C5?=\n =?UTF-8?Q?=BCyna?=").subject())
                .isEqualTo("Grażyna");
        assertThat(withSubject("=?UTF-8?B?R3JhxQ==?= =?UTF-8?B?vHluYQ==?=").subject())
                .isEqualTo("Grażyna");
    }

    @Test
    void encodedWordsAreDecodedLeniently() throws MailRejected {
        // White space between two encoded-words goes; between a word and plain text it stays.
        assertThat(withSubject("=?UTF-8?Q?Awaria?= =?UTF-8?Q?_drukarki?= w pokoju")
                        .subject())
                .isEqualTo("Awaria drukarki w pokoju");
        // Glued to the text before it (not allowed by RFC 2047, written by broken clients).
        assertThat(withSubject("RE:=?UTF-8?Q?_zg=C5=82oszenie?=").subject()).isEqualTo("RE: zgłoszenie");
        // An RFC 2231 language in the charset, a lower-case q.
        assertThat(withSubject("=?utf-8*pl?q?=C5=81=C3=B3d=C5=BA?=").subject()).isEqualTo("Łódź");
        // An unknown charset: the bytes guessed (UTF-8 here).
        assertThat(withSubject("=?x-unknown?Q?=C5=81=C3=B3d=C5=BA?=").subject()).isEqualTo("Łódź");
        // Line breaks and NULs smuggled in by an encoded-word: the subject stays one line.
        assertThat(withSubject("=?UTF-8?Q?Awaria=0D=0ABcc:_x@y.pl=00!?=").subject())
                .isEqualTo("Awaria Bcc: x@y.pl !");
        // Not an encoded-word at all.
        assertThat(withSubject("Koszt =?50% ?= budżetu").subject()).isEqualTo("Koszt =?50% ?= budżetu");
    }

    @Test
    void rawEightBitHeadersAreUtf8WhenValidElseWindows1250() throws MailRejected {
        InboundMail utf8 = parser.parse(bytes(
                "From: ",
                "Łucja Żak".getBytes(StandardCharsets.UTF_8),
                " <lucja.zak@um.krakow.pl>\nSubject: ",
                "Zażółć gęślą jaźń".getBytes(StandardCharsets.UTF_8),
                "\n\nx\n"));
        assertThat(utf8.subject()).isEqualTo("Zażółć gęślą jaźń");
        assertThat(utf8.from().name()).isEqualTo("Łucja Żak");

        InboundMail cp1250 = parser.parse(bytes(
                "From: ",
                "Łucja Żak".getBytes(MailText.WINDOWS_1250),
                " <lucja.zak@um.krakow.pl>\nSubject: ",
                "Zażółć gęślą jaźń – ŚĆ".getBytes(MailText.WINDOWS_1250),
                "\n\nx\n"));
        assertThat(cp1250.subject()).isEqualTo("Zażółć gęślą jaźń – ŚĆ");
        assertThat(cp1250.from().name()).isEqualTo("Łucja Żak");

        // Raw ISO-8859-2 (which puts ą ś ź Ą Ś Ź where Windows-1250 has ± ¶ ź ˇ ¦ Ź): the reading with more Polish
        // wins.
        InboundMail iso = parser.parse(bytes(
                "From: jan@x.pl\nSubject: ",
                "Zażółć gęślą jaźń: Ślązak, Źródło, Ąę".getBytes(MailText.ISO_8859_2),
                "\n\n",
                "Proszę o pomoc, świetlica nie działa.".getBytes(MailText.ISO_8859_2)));
        assertThat(iso.subject()).isEqualTo("Zażółć gęślą jaźń: Ślązak, Źródło, Ąę");
        assertThat(iso.text()).isEqualTo("Proszę o pomoc, świetlica nie działa.");
    }

    @Test
    void idsWithoutBracketsAndWithJunkAreRead() throws MailRejected {
        InboundMail mail = parser.parse(bytes("""
                From: jan@um.krakow.pl
                Message-ID: abc.123@um.krakow.pl
                In-Reply-To: <ticket-5-ticket-event-9-aabbccddeeff@coi.krakow.pl> (Service Desk's message of
                 Mon, 7 Dec 2026)
                References: <ticket-5@coi.krakow.pl> junk,
                \t<ticket-5-ticket-event-9-aabbccddeeff@coi.krakow.pl> <ticket-5@coi.krakow.pl>

                x
                """));
        assertThat(mail.messageId()).isEqualTo("abc.123@um.krakow.pl");
        assertThat(mail.inReplyTo()).containsExactly("ticket-5-ticket-event-9-aabbccddeeff@coi.krakow.pl");
        assertThat(mail.references())
                .containsExactly("ticket-5@coi.krakow.pl", "ticket-5-ticket-event-9-aabbccddeeff@coi.krakow.pl");

        InboundMail none = parser.parse(bytes("From: jan@um.krakow.pl\n\nx\n"));
        assertThat(none.messageId()).isNull();
        assertThat(none.inReplyTo()).isEmpty();
        assertThat(none.sentAt()).isNull();
        assertThat(none.subject()).isEmpty();
    }

    @Test
    void addressesAreLowerCasedAndTheirNamesDecoded() throws MailRejected {
        InboundMail mail = parser.parse(bytes("""
                From: =?UTF-8?Q?W=C3=B3jcik=2C_Gra=C5=BCyna?= <Grazyna.Wojcik@UM.Krakow.PL>
                To: undisclosed-recipients:;
                Cc: "'Service Desk'" <SERVICEDESK@coi.krakow.pl>, jan@um.krakow.pl (Jan Nowak),
                 =?iso-8859-2?Q?Pawe=B3?= <pawel@um.krakow.pl>
                Date: garbage

                x
                """));
        assertThat(mail.from()).isEqualTo(new InboundMail.Address("grazyna.wojcik@um.krakow.pl", "Wójcik, Grażyna"));
        assertThat(mail.to()).isEmpty();
        assertThat(mail.cc())
                .containsExactly(
                        new InboundMail.Address("servicedesk@coi.krakow.pl", "Service Desk"),
                        new InboundMail.Address("jan@um.krakow.pl", "Jan Nowak"),
                        new InboundMail.Address("pawel@um.krakow.pl", "Paweł"));
        assertThat(mail.sentAt()).isNull();
    }

    @Test
    void aFromWithoutAnAddressIsNull() throws MailRejected {
        assertThat(parser.parse(bytes("From: Jan Kowalski\nSubject: x\n\nx\n")).from())
                .isNull();
        assertThat(parser.parse(bytes("Subject: x\n\nx\n")).from()).isNull();
    }

    // ---- automatic mail and the desk's own

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Auto-Submitted: auto-replied          | Auto-Submitted: auto-replied",
                "Auto-Submitted: auto-generated        | Auto-Submitted: auto-generated",
                "Auto-Submitted: auto-notified; owner-email=x@y | Auto-Submitted: auto-notified; owner-email=x@y",
                "Auto-Submitted: no                    | ",
                "X-Autoreply: yes                      | X-Autoreply: yes",
                "X-Autorespond: Vacation               | X-Autorespond: Vacation",
                "X-Auto-Response-Suppress: All         | X-Auto-Response-Suppress: All",
                "Precedence: bulk                      | Precedence: bulk",
                "Precedence: junk                      | Precedence: junk",
                "Precedence: list                      | Precedence: list",
                "Precedence: first-class               | ",
                "List-Id: <it-news.lists.um.krakow.pl> | List-Id: <it-news.lists.um.krakow.pl>",
                "List-Unsubscribe: <mailto:leave@lists.um.krakow.pl> | List-Unsubscribe: <mailto:leave@lists.um.krakow.pl>",
                "Return-Path: <>                       | Return-Path: <>",
                "Return-Path: <jan@um.krakow.pl>       | ",
                "X-Mailer: Microsoft Outlook 16.0      | ",
            })
    void automaticMailIsRecognisedByItsHeaders(String header, String expected) throws MailRejected {
        InboundMail mail = plain(header.strip() + "\n", "Treść\n");
        assertThat(mail.automatic()).isEqualTo(expected);
        assertThat(mail.ownNotification()).isFalse();
    }

    @Test
    void theDesksMarksMakeItsOwnNotification() throws MailRejected {
        assertThat(plain("X-ServiceDesk-Ticket: INC-2026-000001\n", "x").ownNotification())
                .isTrue();
        assertThat(plain("X-ServiceDesk-Notification: LICENCE_EXPIRY\n", "x").ownNotification())
                .isTrue();
        assertThat(plain("", "x").ownNotification()).isFalse();
    }

    // ---- bodies and charsets

    @Test
    void charsetAliasesOfRealClientsAreUnderstood() {
        assertThat(MailText.charset("cp1250")).isEqualTo(MailText.WINDOWS_1250);
        assertThat(MailText.charset("win-1250")).isEqualTo(MailText.WINDOWS_1250);
        assertThat(MailText.charset("x-cp1250")).isEqualTo(MailText.WINDOWS_1250);
        assertThat(MailText.charset("\"Windows-1250\"")).isEqualTo(MailText.WINDOWS_1250);
        assertThat(MailText.charset("iso8859-2")).isEqualTo(MailText.ISO_8859_2);
        assertThat(MailText.charset("ISO_8859-2")).isEqualTo(MailText.ISO_8859_2);
        assertThat(MailText.charset("latin2")).isEqualTo(MailText.ISO_8859_2);
        assertThat(MailText.charset("utf8")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(MailText.charset("x-unicode20utf8")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(MailText.charset("us-ascii")).isEqualTo(StandardCharsets.US_ASCII);
        assertThat(MailText.charset("KOI8-R")).isEqualTo(Charset.forName("KOI8-R"));
        assertThat(MailText.charset("x-klingon")).isNull();
        assertThat(MailText.charset("")).isNull();
    }

    @Test
    void bodiesInDeclaredAliasedAndGuessedCharsets() throws MailRejected {
        String polish = "Zażółć gęślą jaźń – proszę o pomoc.";
        for (String charset : List.of("ISO-8859-2", "iso8859-2", "windows-1250", "cp1250", "UTF-8", "utf8")) {
            Charset java = MailText.charset(charset);
            String text = charset.toLowerCase().contains("8859") ? polish.replace('–', '-') : polish;
            InboundMail mail = parser.parse(bytes(
                    "From: jan@um.krakow.pl\nContent-Type: text/plain; charset=",
                    charset,
                    "\nContent-Transfer-Encoding: 8bit\n\n",
                    text.getBytes(java)));
            assertThat(mail.text()).as(charset).isEqualTo(text);
        }
        // No charset: UTF-8 when valid, else Windows-1250; us-ascii over 8-bit bytes is guessed the same way.
        assertThat(parser.parse(bytes("From: jan@x.pl\n\n", polish.getBytes(StandardCharsets.UTF_8)))
                        .text())
                .isEqualTo(polish);
        assertThat(parser.parse(bytes("From: jan@x.pl\n\n", polish.getBytes(MailText.WINDOWS_1250)))
                        .text())
                .isEqualTo(polish);
        assertThat(parser.parse(bytes(
                                "From: jan@x.pl\nContent-Type: text/plain; charset=us-ascii\n\n",
                                polish.getBytes(MailText.WINDOWS_1250)))
                        .text())
                .isEqualTo(polish);
    }

    @Test
    void windowsPunctuationUnderAnIsoLabelIsReadAsOutlookMeantIt() throws MailRejected {
        // Outlook labels Windows-1250 text "iso-8859-2": its „quotes” and dashes land on ISO's control characters.
        InboundMail mail = parser.parse(bytes(
                "From: jan@x.pl\nContent-Type: text/plain; charset=iso-8859-2\n\n",
                "Komunikat „Brak papieru” – ąśź".getBytes(MailText.WINDOWS_1250)));
        assertThat(mail.text()).startsWith("Komunikat „Brak papieru” – ");
    }

    @Test
    void anUnknownCharsetIsReadWhenUnambiguousAndRejectedOtherwise() throws MailRejected {
        assertThat(parser.parse(bytes("From: jan@x.pl\nContent-Type: text/plain; charset=x-klingon\n\nplain ascii\n"))
                        .text())
                .isEqualTo("plain ascii");
        assertThat(parser.parse(bytes(
                                "From: jan@x.pl\nContent-Type: text/plain; charset=x-klingon\n\n",
                                "Zażółć".getBytes(StandardCharsets.UTF_8)))
                        .text())
                .isEqualTo("Zażółć");
        assertThatThrownBy(() -> parser.parse(bytes(
                        "From: jan@x.pl\nContent-Type: text/plain; charset=x-klingon\n\n",
                        "Zażółć".getBytes(MailText.WINDOWS_1250))))
                .isInstanceOfSatisfying(
                        MailRejected.class, e -> assertThat(e.reason()).isEqualTo(MailRejected.Reason.UNKNOWN_CHARSET))
                .hasMessageContaining("x-klingon");
        // Another alternative readable: that one is used.
        InboundMail mail = parser.parse(bytes("""
                From: jan@x.pl
                Content-Type: multipart/alternative; boundary=b

                --b
                Content-Type: text/plain; charset=x-klingon

                """, "Zażółć".getBytes(MailText.WINDOWS_1250), """

                --b
                Content-Type: text/html; charset=utf-8

                <p>Zażółć gęślą</p>
                --b--
                """));
        assertThat(mail.text()).isEqualTo("Zażółć gęślą");
    }

    @Test
    void quotedPrintableAndBase64AreDecodedLeniently() throws MailRejected {
        InboundMail qp = parser.parse(bytes(
                "From: jan@x.pl\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: Quoted-Printable\n\n",
                "Zg=C5=82oszenie nr =3D 5, koszt 100% =\nzap=C5=82acony =ZZ\n"));
        assertThat(qp.text()).isEqualTo("Zgłoszenie nr = 5, koszt 100% zapłacony =ZZ");
        InboundMail b64 = parser.parse(bytes(
                "From: jan@x.pl\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n",
                "WmfFgm9z\n!!emVu\naWU=\n"));
        assertThat(b64.text()).isEqualTo("Zgłoszenie");
    }

    @Test
    void formatFlowedIsJoinedIntoParagraphs() throws MailRejected {
        InboundMail flowed = parser.parse(bytes(
                "From: jan@x.pl\nContent-Type: text/plain; charset=utf-8; format=flowed\n\n",
                "Pierwsza linia akapitu \ni jego dalszy ciąg.\n\n>Cytat, który \n>się zawija.\n >Nie cytat.\n"));
        assertThat(flowed.text())
                .isEqualTo("Pierwsza linia akapitu i jego dalszy ciąg.\n\n> Cytat, który się zawija.\n>Nie cytat.");

        InboundMail delSp = parser.parse(bytes(
                "From: jan@x.pl\nContent-Type: text/plain; charset=utf-8; format=flowed; delsp=yes\n\n",
                "Bardzo_d\u0142ugie_s\u0142owo_ \nko\u0144czy si\u0119 tu \nteraz.\n"));
        assertThat(delSp.text()).isEqualTo("Bardzo_długie_słowo_kończy się tuteraz.");

        InboundMail fixed =
                parser.parse(bytes("From: jan@x.pl\nContent-Type: text/plain; charset=utf-8\n\n", "Linia \nkolejna\n"));
        assertThat(fixed.text()).isEqualTo("Linia\nkolejna");
    }

    @Test
    void htmlBecomesTextWithoutAnyMarkup() throws MailRejected {
        InboundMail mail = html("""
                <html><head><title>T</title><style>p {color:red}</style><script>alert('x')</script></head>
                <body><h1>Awaria</h1><p>Serwer &amp; drukarka &lt;HP&gt; &#8222;nie działa&#8221;.<br>Druga linia.</p>
                <ul><li>pierwszy</li><li>drugi</li></ul>
                <ol><li>krok</li><li>krok dwa</li></ol>
                <p>Zobacz <a href="https://intranet.um.krakow.pl/awarie/5">stronę awarii</a>,
                <a href="https://intranet.um.krakow.pl">https://intranet.um.krakow.pl</a>,
                <a href="mailto:jan@um.krakow.pl">jan@um.krakow.pl</a>,
                <a href="mailto:jan@um.krakow.pl?subject=x">Jan</a>.</p>
                <table><tr><td>Pokój</td><td>214</td></tr><tr><td>Piętro</td><td>II</td></tr></table>
                <span style="display:none">ukryty preheader</span>
                <div>Koniec</div></body></html>
                """);
        assertThat(mail.text()).isEqualTo("""
                        Awaria

                        Serwer & drukarka <HP> „nie działa”.
                        Druga linia.

                        - pierwszy
                        - drugi

                        1. krok
                        2. krok dwa

                        Zobacz stronę awarii (https://intranet.um.krakow.pl/awarie/5), https://intranet.um.krakow.pl, \
                        jan@um.krakow.pl, Jan (jan@um.krakow.pl).

                        Pokój 214
                        Piętro II

                        Koniec""");
    }

    @Test
    void plainTextIsPreferredUnlessItIsEmpty() throws MailRejected {
        String alternative = """
                From: jan@x.pl
                Content-Type: multipart/alternative; boundary=b

                --b
                Content-Type: text/plain; charset=utf-8

                %s
                --b
                Content-Type: text/html; charset=utf-8

                <p>Wersja <b>HTML</b></p>
                --b--
                """;
        assertThat(parser.parse(bytes(alternative.formatted("Wersja tekstowa"))).text())
                .isEqualTo("Wersja tekstowa");
        assertThat(parser.parse(bytes(alternative.formatted("  "))).text()).isEqualTo("Wersja HTML");
    }

    // ---- trimming

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "On Mon, 7 Dec 2026 at 10:00, Jan Kowalski <jan@um.krakow.pl> wrote:",
                "W dniu 7.12.2026 o 10:15, Jan Kowalski pisze:",
                "Dnia 7 grudnia 2026 10:15 Jan Kowalski <jan@um.krakow.pl> napisał(a):",
                "pon., 7 gru 2026 o 10:15 Service Desk <servicedesk@coi.krakow.pl> napisał(a):",
                "7 gru 2026, 10:15 użytkownik Service Desk <servicedesk@coi.krakow.pl> napisał:",
                "-----Original Message-----",
                "-----Wiadomość oryginalna-----",
                "-------- Oryginalna wiadomość --------",
            })
    void replyHeadersCutTheQuotedHistory(String header) {
        String text = "Dziękuję, działa.\n\n" + header + "\nPoprzednia treść\nktórej nie chcemy.\n";
        assertThat(QuoteTrimmer.trim(text, "Re: x")).isEqualTo("Dziękuję, działa.");
    }

    @Test
    void outlookHeaderBlocksCutTheQuotedHistory() {
        assertThat(QuoteTrimmer.trim(
                        "Tak.\n\nFrom: Service Desk <sd@coi.krakow.pl>\nSent: Monday, December 7, 2026 10:02 AM\n"
                                + "To: Jan\nSubject: x\n\nTreść",
                        "RE: x"))
                .isEqualTo("Tak.");
        assertThat(QuoteTrimmer.trim(
                        "Tak.\n\n________________________________\nOd: Service Desk <sd@coi.krakow.pl>\n"
                                + "Wysłano: poniedziałek, 7 grudnia 2026 10:02\nDo: Jan\nTemat: x\n\nTreść",
                        "ODP: x"))
                .isEqualTo("Tak.");
        assertThat(QuoteTrimmer.trim("Tak.\n\n*From:* Service Desk\n*Date:* Mon, 7 Dec 2026\n\nTreść", "Re: x"))
                .isEqualTo("Tak.");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Sent from my iPhone",
                "Wysłane z iPhone'a",
                "Wysłane z iPhone’a",
                "Wysłano z mojego Galaxy",
                "Pobierz Outlook dla systemu Android",
                "Get Outlook for iOS",
                "Sent from Outlook for Android",
            })
    void mobileFootersAreTrimmed(String footer) {
        assertThat(QuoteTrimmer.trim("Proszę o wymianę myszki.\n\n" + footer + "\n", "x"))
                .isEqualTo("Proszę o wymianę myszki.");
    }

    @Test
    void signatureAndTrailingQuoteAreTrimmedButInterleavedQuotesKept() {
        assertThat(QuoteTrimmer.trim("Treść.\n\n-- \nJan Kowalski\ntel. 123", "x"))
                .isEqualTo("Treść.");
        assertThat(QuoteTrimmer.trim("Odpowiedź.\n\n> cytat\n> cytat dalej\n>\n", "Re: x"))
                .isEqualTo("Odpowiedź.");
        assertThat(QuoteTrimmer.trim(
                        "> Pytanie pierwsze?\nOdpowiedź pierwsza.\n> Pytanie drugie?\nOdpowiedź druga.", "x"))
                .isEqualTo("> Pytanie pierwsze?\nOdpowiedź pierwsza.\n> Pytanie drugie?\nOdpowiedź druga.");
    }

    @Test
    void aForwardKeepsItsContent() {
        String apple = "Do wiadomości.\n\nPoczątek przekazywanej wiadomości:\n\nOd: Jan <jan@x.pl>\n"
                + "Data: 7 grudnia 2026 10:00\nTemat: Awaria\n\nSerwer nie działa.";
        assertThat(QuoteTrimmer.trim(apple, "Awaria")).contains("Serwer nie działa.");
        String outlook = "-----Original Message-----\nFrom: Jan <jan@x.pl>\nSent: Monday\nSubject: Awaria\n\n"
                + "Serwer nie działa.";
        assertThat(QuoteTrimmer.trim(outlook, "Awaria")).contains("Serwer nie działa.");
        assertThat(QuoteTrimmer.trim(
                        "Patrz niżej.\n\nOn Mon, Jan <jan@x.pl> wrote:\n> Serwer nie działa.", "PD: Awaria"))
                .contains("Serwer nie działa.");
    }

    @Test
    void whatTrimmingWouldEmptyIsKeptWhole() {
        assertThat(QuoteTrimmer.trim("> tylko cytat\n> bez odpowiedzi", "Re: x"))
                .isEqualTo("> tylko cytat\n> bez odpowiedzi");
        assertThat(QuoteTrimmer.trim("-- \nJan Kowalski", "x")).isEqualTo("-- \nJan Kowalski");
    }

    @Test
    void aPersonsColonIsNotAReplyHeader() {
        String text = "W logach system pisze:\nBłąd 0x80070005\nProszę o pomoc.";
        assertThat(QuoteTrimmer.trim(text, "x")).isEqualTo(text);
    }

    @Test
    void whitespaceIsNormalised() throws MailRejected {
        InboundMail mail = plain("", "\n\n  Pierwszy   \n\n\n\n\n\nDrugi\u00a0akapit\t\n\n\n");
        assertThat(mail.text()).isEqualTo("Pierwszy\n\n\nDrugi akapit");
    }

    @Test
    void htmlQuotesOfThunderbirdGmailAndOutlookAreTrimmedInTheHtml() throws MailRejected {
        InboundMail thunderbird = html("""
                <p>Już działa, dziękuję.</p>
                <div class="moz-cite-prefix">W dniu 7.12.2026 o 10:15, Service Desk pisze:<br></div>
                <blockquote type="cite"><p>Czy drukarka już drukuje?</p></blockquote>
                """);
        assertThat(thunderbird.trimmed()).isEqualTo("Już działa, dziękuję.");
        assertThat(thunderbird.text()).contains("Czy drukarka już drukuje?");

        InboundMail gmail = html("""
                <div dir="ltr">Tak, proszę.</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">
                pon., 7 gru 2026 o 10:15 Service Desk &lt;sd@coi.krakow.pl&gt; napisał(a):<br></div>
                <blockquote class="gmail_quote">Czy wymienić toner?</blockquote></div>
                """);
        assertThat(gmail.trimmed()).isEqualTo("Tak, proszę.");

        InboundMail word = html("""
                <div class=WordSection1><p class=MsoNormal>Zrobione.<o:p></o:p></p>
                <p class=MsoNormal>Jan<o:p></o:p></p>
                <div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>
                <p class=MsoNormal><b>Od:</b> Service Desk<br><b>Wysłano:</b> poniedziałek<br><b>Temat:</b> x</p></div>
                <p class=MsoNormal>Stara treść</p></div>
                """);
        assertThat(word.trimmed()).isEqualTo("Zrobione.\nJan");
    }

    // ---- attachments

    @Test
    void attachmentNamesFromRfc2231Rfc2047AndRawBytesAndMadeUpWhenMissing() throws MailRejected {
        InboundMail mail = parser.parse(bytes(
                """
                From: jan@x.pl
                Subject: Pliki
                Content-Type: multipart/mixed; boundary="mix"

                --mix
                Content-Type: text/html; charset=utf-8

                <p>Treść <img src="cid:logo@x"></p>
                --mix
                Content-Type: application/pdf
                Content-Disposition: attachment;
                 filename*0*=UTF-8''Zg%C5%82oszenie%20nr%20;
                 filename*1*=5.pdf
                Content-Transfer-Encoding: base64

                JVBERi0xLjQ=
                --mix
                Content-Type: application/msword; name="=?iso-8859-2?Q?Umowa_=B3=F3d=BC.doc?="
                Content-Transfer-Encoding: base64

                0M8R4A==
                --mix
                Content-Type: text/plain; name=""",
                "\"../../notatka ".getBytes(StandardCharsets.UTF_8),
                "łódź.txt\"".getBytes(MailText.WINDOWS_1250),
                """

                Content-Disposition: inline

                notatka
                --mix
                Content-Type: image/png
                Content-ID: <logo@x>

                PNG
                --mix
                Content-Type: image/gif
                Content-Disposition: inline

                GIF
                --mix
                Content-Type: application/octet-stream
                Content-Disposition: attachment

                bin
                --mix
                Content-Type: message/rfc822

                From: anna@x.pl
                Subject: =?UTF-8?Q?Pierwotna_wiadomo=C5=9B=C4=87?=

                Treść pierwotna
                --mix--
                """));
        assertThat(mail.text()).isEqualTo("Treść");
        assertThat(mail.attachments())
                .extracting(InboundMail.Part::filename, InboundMail.Part::contentType, InboundMail.Part::inline)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Zgłoszenie nr 5.pdf", "application/pdf", false),
                        org.assertj.core.groups.Tuple.tuple("Umowa łódź.doc", "application/msword", false),
                        org.assertj.core.groups.Tuple.tuple("notatka łódź.txt", "text/plain", false),
                        org.assertj.core.groups.Tuple.tuple("image001.png", "image/png", true),
                        org.assertj.core.groups.Tuple.tuple("image002.gif", "image/gif", true),
                        org.assertj.core.groups.Tuple.tuple("attachment003.bin", "application/octet-stream", false),
                        org.assertj.core.groups.Tuple.tuple("Pierwotna wiadomość.eml", "message/rfc822", false));
        assertThat(mail.attachments().get(0).content()).isEqualTo("%PDF-1.4".getBytes(StandardCharsets.US_ASCII));
        assertThat(mail.attachments().get(3).contentId()).isEqualTo("logo@x");
        assertThat(new String(mail.attachments().get(6).content(), StandardCharsets.UTF_8))
                .contains("Subject: =?UTF-8?Q?Pierwotna_wiadomo=C5=9B=C4=87?=");
    }

    @Test
    void aSignedMessageShowsItsContentWithoutTheSignature() throws MailRejected {
        InboundMail mail = parser.parse(bytes("""
                From: jan@x.pl
                Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary=s

                --s
                Content-Type: text/plain; charset=utf-8

                Podpisana treść
                --s
                Content-Type: application/pkcs7-signature; name=smime.p7s
                Content-Disposition: attachment; filename=smime.p7s
                Content-Transfer-Encoding: base64

                MIAGCSqGSIb3DQEHAqCAMIACAQ==
                --s--
                """));
        assertThat(mail.text()).isEqualTo("Podpisana treść");
        assertThat(mail.attachments()).isEmpty();
    }

    // ---- delivery status

    @Test
    void aDelayedDeliveryIsNotPermanentAndABounceWithoutTheReturnedMessageUsesInReplyTo() throws MailRejected {
        InboundMail mail = parser.parse(bytes("""
                From: MAILER-DAEMON@mail.coi.krakow.pl
                Return-Path: <>
                In-Reply-To: <ticket-7-ticket-event-70-aabbccddeeff@coi.krakow.pl>
                Content-Type: multipart/report; report-type=delivery-status; boundary=r

                --r
                Content-Type: text/plain

                Delivery to the following recipient has been delayed.
                --r
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mail.coi.krakow.pl

                Final-Recipient: rfc822; Jan@UM.krakow.pl
                Action: delayed
                Status: 4.4.1 (connection timed out)
                --r--
                """));
        assertThat(mail.bounce())
                .isEqualTo(new InboundMail.Bounce(
                        List.of("ticket-7-ticket-event-70-aabbccddeeff@coi.krakow.pl"),
                        List.of("jan@um.krakow.pl"),
                        "4.4.1",
                        "Delivery to the following recipient has been delayed.",
                        false));
        assertThat(mail.automatic()).isEqualTo("Return-Path: <>");
    }

    @Test
    void aReportThatIsNotADeliveryStatusIsNoBounce() throws MailRejected {
        InboundMail mail = parser.parse(bytes("""
                From: jan@x.pl
                Content-Type: multipart/report; report-type=disposition-notification; boundary=r

                --r
                Content-Type: text/plain

                Wiadomość została wyświetlona.
                --r
                Content-Type: message/disposition-notification

                Final-Recipient: rfc822; jan@x.pl
                Disposition: manual-action/MDN-sent-manually; displayed
                --r--
                """));
        assertThat(mail.bounce()).isNull();
        assertThat(mail.text()).isEqualTo("Wiadomość została wyświetlona.");
    }

    // ---- malformed

    @Test
    void malformedMimeIsRejectedAndNeverThrowsAnythingElse() {
        assertRejected(new byte[0]);
        StringBuilder nested = new StringBuilder("From: jan@x.pl\n");
        for (int i = 0; i < 40; i++) {
            nested.append("Content-Type: multipart/mixed; boundary=b")
                    .append(i)
                    .append("\n\n--b")
                    .append(i)
                    .append('\n');
        }
        nested.append("Content-Type: text/plain\n\ndeep\n");
        assertRejected(bytes(nested.toString()));
        assertRejected(bytes("From: jan@x.pl\nContent-Type: multipart/mixed; boundary=x\n\nno parts at all\n"));
    }

    @Test
    void aMissingEndBoundaryAndStrayBytesAreTolerated() throws MailRejected {
        InboundMail mail = parser.parse(bytes(
                "From: jan@x.pl\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain\n\nTreść, która ż ź ą ę",
                new byte[] {0, 1, (byte) 0xFF},
                "\n"));
        assertThat(mail.text()).startsWith("Treść, która ż ź ą ę");
    }

    private void assertRejected(byte[] raw) {
        assertThatThrownBy(() -> parser.parse(raw))
                .isInstanceOfSatisfying(
                        MailRejected.class, e -> assertThat(e.reason()).isEqualTo(MailRejected.Reason.MALFORMED_MIME));
    }
}
