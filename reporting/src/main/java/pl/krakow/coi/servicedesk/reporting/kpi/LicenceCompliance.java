package pl.krakow.coi.servicedesk.reporting.kpi;

import java.util.List;
import java.util.Map;

/**
 * The licence register's compliance position, summarised for management (§14: the register of
 * software licences of IT-04-3).
 *
 * @param products software products tracked
 * @param byStatus products per compliance status (e.g. {@code COMPLIANT}, {@code UNDER_LICENSED},
 *     {@code OVER_LICENSED}), as the register names them
 * @param shortfalls the products most short of licences, worst first
 */
record LicenceCompliance(long products, Map<String, Long> byStatus, List<Shortfall> shortfalls) {

    /** A product with more installations (or users) than licences. */
    public record Shortfall(String product, long required, long licensed) {}
}
