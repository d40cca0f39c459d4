package pl.krakow.coi.servicedesk.ingest.mail;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Wiring of what a mail becomes: its settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailFlowProperties.class)
class MailFlowConfiguration {}
