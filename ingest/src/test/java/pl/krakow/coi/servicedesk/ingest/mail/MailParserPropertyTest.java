package pl.krakow.coi.servicedesk.ingest.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever the bytes, the parser gives an {@link InboundMail} or a {@link MailRejected}: never another exception,
 * never a null where the contract promises a value. Random bytes, and the corpus mutated (bytes flipped, cut, spliced,
 * MIME syntax dropped in), so the mutations hit the interesting places.
 */
class MailParserPropertyTest {

    private static final List<String> CORPUS = List.of(
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
            "17-broken-multipart-no-boundary.eml",
            "18-truncated-multipart-readable.eml",
            "19-stranger-number-in-subject.eml",
            "20-own-notification-read-back.eml",
            "21-thunderbird-html-reply.eml");

    private static final List<byte[]> MESSAGES =
            CORPUS.stream().map(MailCorpusTest::corpus).toList();

    // Fragments that steer mutations into MIME syntax and the decoders.
    private static final List<String> SNIPPETS = List.of(
            "\r\n\r\n",
            "\r\n--",
            "--\r\n",
            "=?",
            "?=",
            "=?UTF-8?Q?",
            "=?x?B?",
            "=C5",
            "=\r\n",
            "\"",
            "<",
            ">",
            ";",
            "boundary=",
            "Content-Type: multipart/mixed; boundary=\"\"\r\n",
            "Content-Transfer-Encoding: base64\r\n",
            "Content-Type: text/plain; charset=x-bad\r\n",
            "Content-Type: message/rfc822\r\n",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=a\r\n",
            "filename*0*=x''%",
            "cid:",
            "<blockquote type=cite>",
            "\r\n> ",
            "\r\n-- \r\n",
            "\u0000",
            "\u00ff");

    private final MimeMailParser parser = new MimeMailParser();

    @Test
    void randomBytesNeverThrowAnythingButMailRejected() {
        qt().withExamples(300)
                .forAll(longs().all(), integers().between(0, 4000))
                .checkAssert((seed, length) -> {
                    Random random = new Random(seed);
                    byte[] raw = new byte[length];
                    random.nextBytes(raw);
                    if (random.nextBoolean() && length > 40) {
                        // Half of them with a header block in front, so the body decoders run too.
                        byte[] head = "From: a@b.pl\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\n"
                                .getBytes(StandardCharsets.US_ASCII);
                        System.arraycopy(head, 0, raw, 0, Math.min(head.length, raw.length));
                    }
                    assertParsesOrRejects(raw);
                });
    }

    @Test
    void mutatedCorpusMessagesNeverThrowAnythingButMailRejected() {
        qt().withExamples(600)
                .forAll(
                        integers().between(0, CORPUS.size() - 1),
                        longs().all(),
                        integers().between(1, 12))
                .checkAssert((index, seed, mutations) -> {
                    byte[] raw = mutate(MESSAGES.get(index), new Random(seed), mutations);
                    assertParsesOrRejects(raw);
                });
    }

    private static byte[] mutate(byte[] original, Random random, int mutations) {
        byte[] raw = original.clone();
        for (int m = 0; m < mutations && raw.length > 0; m++) {
            int at = random.nextInt(raw.length);
            switch (random.nextInt(6)) {
                case 0 -> raw[at] = (byte) random.nextInt(256);
                case 1 -> raw = Arrays.copyOf(raw, at); // truncate
                case 2 -> { // delete a range
                    int end = Math.min(raw.length, at + 1 + random.nextInt(200));
                    byte[] cut = new byte[raw.length - (end - at)];
                    System.arraycopy(raw, 0, cut, 0, at);
                    System.arraycopy(raw, end, cut, at, raw.length - end);
                    raw = cut;
                }
                case 3 ->
                    raw = insert(
                            raw,
                            at,
                            SNIPPETS.get(random.nextInt(SNIPPETS.size())).getBytes(StandardCharsets.ISO_8859_1));
                case 4 -> { // duplicate a range (nesting, repeated boundaries)
                    int end = Math.min(raw.length, at + 1 + random.nextInt(400));
                    raw = insert(raw, at, Arrays.copyOfRange(raw, at, end));
                }
                default -> {
                    byte[] noise = new byte[1 + random.nextInt(16)];
                    random.nextBytes(noise);
                    raw = insert(raw, at, noise);
                }
            }
        }
        return raw;
    }

    private static byte[] insert(byte[] raw, int at, byte[] piece) {
        byte[] out = new byte[raw.length + piece.length];
        System.arraycopy(raw, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(raw, at, out, at + piece.length, raw.length - at);
        return out;
    }

    private void assertParsesOrRejects(byte[] raw) {
        InboundMail mail;
        try {
            mail = parser.parse(raw);
        } catch (MailRejected e) {
            assertThat(e.reason()).isNotNull();
            return;
        }
        assertThat(mail.subject()).isNotNull().doesNotContain("\n", "\r");
        assertThat(mail.text()).isNotNull().doesNotContain("\r");
        assertThat(mail.trimmed()).isNotNull();
        assertThat(mail.text().isEmpty() || !mail.trimmed().isEmpty()).isTrue();
        assertThat(mail.attachments()).allSatisfy(part -> {
            assertThat(part.filename()).isNotBlank();
            assertThat(part.contentType()).contains("/");
            assertThat(part.content()).isNotNull();
        });
        if (mail.from() != null) {
            assertThat(mail.from().email()).contains("@").isLowerCase();
        }
        if (mail.messageId() != null) {
            assertThat(mail.messageId()).isNotBlank();
        }
    }
}
