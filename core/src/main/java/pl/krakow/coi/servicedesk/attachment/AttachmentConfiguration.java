package pl.krakow.coi.servicedesk.attachment;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** The attachment module's settings, and the container's multipart limits derived from them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AttachmentProperties.class)
class AttachmentConfiguration {

    /** Room in a multipart request for what is not the file: boundaries, part headers. */
    static final DataSize MULTIPART_OVERHEAD = DataSize.ofKilobytes(64);

    /**
     * Multipart uploads as the container parses them: every part is written to a temporary file (threshold 0)
     * and never held in the heap; a part over the per-file limit is refused with a 413 before it is stored.
     * Replaces Spring Boot's {@code spring.servlet.multipart.*} bean, so that one setting,
     * {@code servicedesk.attachments.max-file-size}, governs both upload paths.
     */
    @Bean
    MultipartConfigElement multipartConfigElement(AttachmentProperties properties) {
        long file = properties.maxFileSize().toBytes();
        return new MultipartConfigElement("", file, file + MULTIPART_OVERHEAD.toBytes(), 0);
    }
}
