package pl.krakow.coi.servicedesk.attachment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

/**
 * The type of a file from its first bytes (Apache Tika's magic), and whether the service refuses it. The name
 * only narrows what the content says (text named {@code .bat} is a batch file; an ELF binary named {@code .png}
 * stays an executable). Only a bounded prefix is ever read: a ZIP container (Office documents, Java archives)
 * is looked into through the entries that prefix holds, each read to a bounded length, so a zip bomb costs no
 * more than its first chunk.
 */
@Component
class ContentTypes {

    /** How much of a file the detection reads. */
    static final int PREFIX = 1 << 20;

    /**
     * How much of a ZIP container is looked into: skipping an entry inflates it, and this bounds the work a
     * highly compressed entry (a zip bomb) can cause.
     */
    private static final int ZIP_PREFIX = 256 * 1024;

    private static final int MAX_ZIP_ENTRIES = 200;
    private static final int MAX_INFLATED = 64 * 1024;

    private final Detector detector;
    private final MediaTypeRegistry registry;
    private final AttachmentProperties properties;

    ContentTypes(AttachmentProperties properties) {
        TikaConfig tika = TikaConfig.getDefaultConfig();
        this.detector = tika.getDetector();
        this.registry = tika.getMediaTypeRegistry();
        this.properties = properties;
    }

    /** The type of a file whose first bytes (at most {@link #PREFIX}) are {@code prefix[0..length)}. */
    MediaType detect(byte[] prefix, int length, String filename) {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        MediaType type;
        try (InputStream in = TikaInputStream.get(new ByteArrayInputStream(prefix, 0, length))) {
            type = detector.detect(in, metadata);
        } catch (IOException e) {
            type = MediaType.OCTET_STREAM;
        }
        if (isZip(type)) {
            MediaType inside = zipContent(prefix, length);
            if (inside != null) {
                return inside;
            }
        }
        return type;
    }

    /** Refuses a denied type or extension with a 415 problem. */
    void requireAllowed(MediaType type, String filename) {
        String extension = FileNames.extension(filename);
        boolean deniedExtension =
                !extension.isEmpty() && properties.deniedExtensions().contains(extension);
        String denied = deniedBy(type);
        if (denied != null || deniedExtension) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.UNSUPPORTED_MEDIA_TYPE,
                    "attachment-type-denied",
                    "File type not accepted",
                    deniedExtension && denied == null
                            ? "Files named *." + extension + " are not accepted (executables, scripts and"
                                    + " macro-enabled documents are refused)"
                            : "The file's content is " + type.getBaseType()
                                    + ", which is not accepted (executables, scripts and macro-enabled documents"
                                    + " are refused)",
                    java.util.Map.of("detectedType", type.getBaseType().toString()));
        }
    }

    /** The denied type {@code type} is, or is a subtype of; null when it is allowed. */
    private String deniedBy(MediaType type) {
        for (MediaType t = registry.normalize(type.getBaseType()); t != null; t = registry.getSupertype(t)) {
            String name = t.getBaseType().toString().toLowerCase(Locale.ROOT);
            if (properties.deniedTypes().contains(name)) {
                return name;
            }
            for (MediaType alias : registry.getAliases(t)) {
                if (properties.deniedTypes().contains(alias.toString().toLowerCase(Locale.ROOT))) {
                    return alias.toString();
                }
            }
        }
        return null;
    }

    private boolean isZip(MediaType type) {
        for (MediaType t = type.getBaseType(); t != null; t = registry.getSupertype(t)) {
            if (t.equals(MediaType.APPLICATION_ZIP)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a ZIP container holds, from the entries within the prefix: a macro-enabled Office document (a VBA
     * project, or a macro-enabled content type), a Java archive (class files, a manifest), or null when
     * nothing telling was found.
     */
    private static MediaType zipContent(byte[] prefix, int length) {
        String office = null;
        boolean macros = false;
        try (ZipInputStream zip =
                new ZipInputStream(new ByteArrayInputStream(prefix, 0, Math.min(length, ZIP_PREFIX)))) {
            ZipEntry entry;
            for (int n = 0; n < MAX_ZIP_ENTRIES && (entry = zip.getNextEntry()) != null; n++) {
                String name = entry.getName();
                if (name.endsWith(".class") || name.equals("META-INF/MANIFEST.MF")) {
                    return MediaType.application("java-archive");
                }
                if (name.endsWith("vbaProject.bin")) {
                    macros = true;
                }
                if (name.startsWith("word/")) {
                    office = "word";
                } else if (name.startsWith("xl/")) {
                    office = "xl";
                } else if (name.startsWith("ppt/")) {
                    office = "ppt";
                }
                if (name.equals("[Content_Types].xml")) {
                    String types =
                            new String(zip.readNBytes(MAX_INFLATED), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
                    if (types.contains("macroenabled") || types.contains("vbaproject")) {
                        macros = true;
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // A truncated or odd archive: what was read so far decides.
        }
        if (macros) {
            return switch (office == null ? "word" : office) {
                case "xl" -> MediaType.application("vnd.ms-excel.sheet.macroenabled.12");
                case "ppt" -> MediaType.application("vnd.ms-powerpoint.presentation.macroenabled.12");
                default -> MediaType.application("vnd.ms-word.document.macroenabled.12");
            };
        }
        return null;
    }
}
