package pl.krakow.coi.servicedesk.app;

import java.util.List;

/** Adds lines to the start-up report (e.g. the demo logins of the embedded run). */
public interface StartupReportContributor {

    List<String> lines(String baseUrl);
}
