package pl.krakow.coi.servicedesk.licence;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Licence register settings ({@code servicedesk.licence.*}).
 *
 * @param defaultCoresPerDevice the cores counted for a device whose cores the CMDB does not know (per-core
 *     licences; 16, the usual minimum per server, so that unknown cores never hide an over-deployment)
 */
@ConfigurationProperties("servicedesk.licence")
record LicenceProperties(Integer defaultCoresPerDevice) {

    public LicenceProperties {
        defaultCoresPerDevice = defaultCoresPerDevice == null ? 16 : defaultCoresPerDevice;
    }
}
