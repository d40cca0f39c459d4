package pl.krakow.coi.servicedesk.search;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wiring of ticket search: its properties ({@code servicedesk.search.*}) and scheduling for the
 * outbox relay (the application enables scheduling too; enabling it twice is harmless). The reindex
 * job is in {@link ReindexJobConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchProperties.class)
@EnableScheduling
class SearchConfiguration {}
