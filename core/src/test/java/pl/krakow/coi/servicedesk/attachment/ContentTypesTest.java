package pl.krakow.coi.servicedesk.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.tika.mime.MediaType;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

class ContentTypesTest {

    static final AttachmentProperties DEFAULTS = defaults();

    final ContentTypes types = new ContentTypes(DEFAULTS);

    @Test
    void theContentDecidesNotTheName() {
        assertThat(detect(Samples.png(100), "screenshot.exe").toString()).isEqualTo("image/png");
        assertThat(detect(Samples.elf(), "screenshot.png").toString()).isNotEqualTo("image/png");
        assertThat(detect(Samples.pe(), "screenshot.png").toString()).isNotEqualTo("image/png");
        assertThat(detect(Samples.docx(), "raport.docx").toString()).isNotEqualTo("image/png");
    }

    @Test
    void executablesScriptsMacrosAndJavaArchivesAreDeniedWhateverTheirName() {
        for (byte[] content :
                List.of(Samples.elf(), Samples.pe(), Samples.shellScript(), Samples.docm(), Samples.jar())) {
            MediaType type = detect(content, "zrzut.png");
            assertThatThrownBy(() -> types.requireAllowed(type, "zrzut.png"))
                    .as("%s", type)
                    .isInstanceOfSatisfying(
                            ServiceDeskException.class,
                            e -> assertThat(e.kind()).isEqualTo(ServiceDeskException.Kind.UNSUPPORTED_MEDIA_TYPE));
        }
    }

    @Test
    void scriptsWithoutMagicAreDeniedByTheirName() {
        byte[] text = "Remove-Item C:\\Users -Recurse\r\n".getBytes(StandardCharsets.US_ASCII);
        for (String name : List.of("run.bat", "run.cmd", "run.ps1", "run.vbs", "run.js")) {
            assertThatThrownBy(() -> types.requireAllowed(detect(text, name), name))
                    .as(name)
                    .isInstanceOf(ServiceDeskException.class);
        }
        byte[] notes = "Drukarka w pokoju 214 nie działa.\n".getBytes(StandardCharsets.UTF_8);
        assertThatCode(() -> types.requireAllowed(detect(notes, "notatki.txt"), "notatki.txt"))
                .doesNotThrowAnyException();
    }

    @Test
    void batchFilesAreKnownByTheirContent() {
        byte[] batch = "@echo off\r\ndel /q C:\\*\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> types.requireAllowed(detect(batch, "notatki.txt"), "notatki.txt"))
                .isInstanceOf(ServiceDeskException.class);
    }

    @Test
    void ordinaryFilesPass() {
        assertThatCode(() -> types.requireAllowed(detect(Samples.png(10), "a.png"), "a.png"))
                .doesNotThrowAnyException();
        assertThatCode(() -> types.requireAllowed(detect(Samples.docx(), "a.docx"), "a.docx"))
                .doesNotThrowAnyException();
        assertThatCode(() -> types.requireAllowed(detect(Samples.random(5000, 1), "a.bin"), "a.bin"))
                .doesNotThrowAnyException();
    }

    @Test
    void aZipBombCostsNoMoreThanItsPrefix() {
        byte[] bomb = Samples.zipBomb(512);
        long started = System.nanoTime();
        MediaType type = detect(bomb, "bomb.zip");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(type.toString()).isEqualTo("application/zip");
    }

    private MediaType detect(byte[] content, String name) {
        int length = Math.min(content.length, ContentTypes.PREFIX);
        return types.detect(content, length, name);
    }

    static AttachmentProperties defaults() {
        // The defaults as Spring binds them, without a context.
        org.springframework.boot.context.properties.bind.Binder binder =
                new org.springframework.boot.context.properties.bind.Binder(
                        new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(
                                java.util.Map.of(
                                        "servicedesk.attachments.max-file-size",
                                        DataSize.ofMegabytes(25).toString())));
        return binder.bindOrCreate("servicedesk.attachments", AttachmentProperties.class);
    }
}
