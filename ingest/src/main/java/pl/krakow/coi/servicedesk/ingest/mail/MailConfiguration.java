package pl.krakow.coi.servicedesk.ingest.mail;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Wiring of the e-mail channel's reader: its properties (the components are scanned). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailboxProperties.class)
class MailConfiguration {}
