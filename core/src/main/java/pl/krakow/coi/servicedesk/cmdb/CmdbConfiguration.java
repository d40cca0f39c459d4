package pl.krakow.coi.servicedesk.cmdb;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Wiring of the CMDB capability: its settings; the services, repositories and adapters are components. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CmdbProperties.class)
class CmdbConfiguration {}
