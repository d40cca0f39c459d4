/**
 * Attachments: files on tickets and on their comments (a screenshot of an error, a scanned form, a log file),
 * stored behind {@code AttachmentStorage} (PostgreSQL by default), typed from their content, checked against
 * limits and a deny list, scanned for viruses when a scanner is configured, and visible exactly as the ticket
 * and the comment they belong to.
 */
@ApplicationModule(allowedDependencies = {"ticket", "ticket :: domain", "people", "platform", "search", "text"})
package pl.krakow.coi.servicedesk.attachment;

import org.springframework.modulith.ApplicationModule;
