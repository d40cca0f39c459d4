package pl.krakow.coi.servicedesk.ingest.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * A large mail, built rather than committed: an Outlook message with a short Polish text and one scanned PDF
 * attached (base64), about {@code megabytes} MiB in all. The same bytes for the same size, every time.
 */
final class LargeMail {

    /** The attachment's file name as the parser should decode it (the header carries it as UTF-8 encoded-words). */
    static final String ATTACHMENT_NAME = "Skan dokumentacji przetargowej – część 1.pdf";

    static final String SENDER = "Kancelaria Wydziału Zamówień";

    static final String SUBJECT = "Dokumentacja przetargowa – skan do archiwum";

    private LargeMail() {}

    /** The message: roughly {@code megabytes} MiB (the base64 attachment makes that size, headers add a little). */
    static byte[] bytes(int megabytes) {
        byte[] pdf = attachment(megabytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream(megabytes * 1024 * 1024 + 4096);
        String boundary = "_004_DB9PR09MB7788A1B2C3D4E5F6DB9PR09MB7788eurp_";
        write(out, """
                Received: from EXCH02.um.krakow.pl (10.12.0.22) by mail.coi.krakow.pl
                 with ESMTPS id 4XbV0a1BcDz6tQw for <servicedesk@coi.krakow.pl>;
                 Mon, 7 Dec 2026 19:30:00 +0100 (CET)
                From: %s <kancelaria.wz@um.krakow.pl>
                To: Service Desk COI <servicedesk@coi.krakow.pl>
                Subject: %s
                Thread-Topic: %s
                Thread-Index: AdtIsR0zU2FtcGxlVGhyZWFkSW5kZXg0
                Date: Mon, 7 Dec 2026 18:29:58 +0000
                Message-ID: <DB9PR09MB7788A1B2C3D4E5F6@DB9PR09MB7788.eurprd09.prod.outlook.com>
                Accept-Language: pl-PL, en-US
                Content-Language: pl-PL
                X-MS-Has-Attach: yes
                X-MS-TNEF-Correlator:
                Content-Type: multipart/mixed;
                	boundary="%s"
                MIME-Version: 1.0

                --%s
                Content-Type: text/plain; charset="utf-8"
                Content-Transfer-Encoding: base64

                %s
                --%s
                Content-Type: application/pdf; name="%s"
                Content-Description: %s
                Content-Disposition: attachment; filename="%s"; size=%d;
                	creation-date="Mon, 07 Dec 2026 18:29:00 GMT";
                	modification-date="Mon, 07 Dec 2026 18:29:00 GMT"
                Content-Transfer-Encoding: base64

                """.formatted(
                        encodedWord(SENDER),
                        encodedWord(SUBJECT),
                        encodedWord(SUBJECT),
                        boundary,
                        boundary,
                        Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(
                                        "Dzień dobry,\r\n\r\nw załączeniu skan dokumentacji do archiwum elektronicznego."
                                                .getBytes(StandardCharsets.UTF_8)),
                        boundary,
                        encodedWord(ATTACHMENT_NAME),
                        encodedWord(ATTACHMENT_NAME),
                        encodedWord(ATTACHMENT_NAME),
                        pdf.length));
        out.writeBytes(Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encode(pdf));
        write(out, "\n\n--" + boundary + "--\n");
        return out.toByteArray();
    }

    /** The attachment's bytes: a PDF-looking file of incompressible content, so the mail stays its size. */
    static byte[] attachment(int megabytes) {
        int size = (int) ((long) megabytes * 1024 * 1024 * 57 / 78);
        byte[] pdf = new byte[size];
        byte[] head =
                "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<</Type/XObject/Subtype/Image/Filter/DCTDecode>>\nstream\n"
                        .getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = "\nendstream\nendobj\ntrailer\n<</Root 1 0 R>>\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
        new Random(24L).nextBytes(pdf);
        System.arraycopy(head, 0, pdf, 0, Math.min(head.length, size));
        if (size > head.length + tail.length) {
            System.arraycopy(tail, 0, pdf, size - tail.length, tail.length);
        }
        return pdf;
    }

    private static String encodedWord(String text) {
        return "=?utf-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
}
