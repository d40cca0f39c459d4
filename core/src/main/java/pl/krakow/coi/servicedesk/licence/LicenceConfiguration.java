package pl.krakow.coi.servicedesk.licence;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Wiring of the licence register: its settings; services, repositories and adapters are components. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LicenceProperties.class)
class LicenceConfiguration {}
