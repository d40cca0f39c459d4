package pl.krakow.coi.servicedesk.attachment;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code servicedesk.attachments.*}: the limits, the refused types and the scan worker's pace.
 *
 * @param maxFileSize the largest file accepted
 * @param maxTicketSize the most a ticket may hold, counting every file not removed (quarantined ones too)
 * @param deniedTypes media types refused (415); a subtype of a denied type is refused as well
 * @param deniedExtensions file name extensions refused whatever the content (scripts have no magic bytes)
 * @param scanInterval how often the scan worker looks for waiting files
 * @param scanRetry the first wait after the scanner gave no verdict; it doubles with each failure
 * @param scanMaxRetry the longest wait between two attempts
 */
@ConfigurationProperties("servicedesk.attachments")
record AttachmentProperties(
        @DefaultValue("25MB") DataSize maxFileSize,
        @DefaultValue("200MB") DataSize maxTicketSize,

        @DefaultValue({
            "application/x-msdownload",
            "application/x-dosexec",
            "application/x-ms-installer",
            "application/x-executable",
            "application/x-elf",
            "application/x-sharedlib",
            "application/x-object",
            "application/x-coredump",
            "application/x-mach-o",
            "application/x-mach-o-executable",
            "application/x-mach-o-dylib",
            "application/x-mach-o-bundle",
            "application/x-mach-o-universal",
            "application/x-sh",
            "application/x-csh",
            "application/x-bat",
            "text/x-powershell",
            "application/x-powershell",
            "text/javascript",
            "application/javascript",
            "text/x-vbscript",
            "text/vbscript",
            "application/x-perl",
            "text/x-perl",
            "text/x-python",
            "application/java-archive",
            "application/java-vm",
            "application/x-java-applet",
            "application/vnd.ms-word.document.macroenabled.12",
            "application/vnd.ms-word.template.macroenabled.12",
            "application/vnd.ms-excel.sheet.macroenabled.12",
            "application/vnd.ms-excel.template.macroenabled.12",
            "application/vnd.ms-excel.addin.macroenabled.12",
            "application/vnd.ms-excel.sheet.binary.macroenabled.12",
            "application/vnd.ms-powerpoint.presentation.macroenabled.12",
            "application/vnd.ms-powerpoint.slideshow.macroenabled.12",
            "application/vnd.ms-powerpoint.template.macroenabled.12",
            "application/vnd.ms-powerpoint.addin.macroenabled.12"
        })
        List<String> deniedTypes,

        @DefaultValue({
            "exe", "dll", "com", "scr", "msi", "msp", "cpl", "sys", "bat", "cmd", "ps1", "psm1", "psd1", "vbs", "vbe",
            "js", "jse", "wsf", "wsh", "hta", "sh", "bash", "zsh", "csh", "ksh", "jar", "class", "war", "ear", "docm",
            "dotm", "xlsm", "xltm", "xlam", "xlsb", "pptm", "potm", "ppsm", "ppam", "lnk", "reg", "elf", "so", "dylib",
            "app", "pif"
        })
        List<String> deniedExtensions,

        @DefaultValue("5s") Duration scanInterval,
        @DefaultValue("30s") Duration scanRetry,
        @DefaultValue("30m") Duration scanMaxRetry) {

    AttachmentProperties {
        if (maxFileSize.toBytes() <= 0 || maxTicketSize.toBytes() < maxFileSize.toBytes()) {
            throw new IllegalArgumentException("servicedesk.attachments: max-file-size must be positive and at most"
                    + " max-ticket-size (" + maxFileSize + ", " + maxTicketSize + ")");
        }
        deniedTypes = deniedTypes.stream()
                .map(t -> t.strip().toLowerCase(java.util.Locale.ROOT))
                .toList();
        deniedExtensions = deniedExtensions.stream()
                .map(e -> e.strip().toLowerCase(java.util.Locale.ROOT))
                .toList();
    }
}
