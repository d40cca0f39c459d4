package pl.krakow.coi.servicedesk.cmdb;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * CMDB settings ({@code servicedesk.cmdb.*}).
 *
 * @param impactDefaultDepth how many relationship steps impact analysis follows unless asked otherwise
 * @param impactMaxDepth the deepest a caller may ask for
 * @param impactMaxItems the most affected items listed per direction (all are counted)
 */
@ConfigurationProperties("servicedesk.cmdb")
record CmdbProperties(Integer impactDefaultDepth, Integer impactMaxDepth, Integer impactMaxItems) {

    public CmdbProperties {
        impactDefaultDepth = impactDefaultDepth == null ? 5 : impactDefaultDepth;
        impactMaxDepth = impactMaxDepth == null ? 10 : impactMaxDepth;
        impactMaxItems = impactMaxItems == null ? 500 : impactMaxItems;
    }
}
