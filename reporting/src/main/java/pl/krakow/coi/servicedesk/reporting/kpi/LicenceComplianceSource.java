package pl.krakow.coi.servicedesk.reporting.kpi;

/**
 * Port to the licence register (built by the licence capability): the compliance summary of the
 * licence KPI. Implement it as a bean next to the register; without one, reports say that licences
 * are not available ({@code licences} is null).
 */
interface LicenceComplianceSource {

    LicenceCompliance summary();
}
