package pl.krakow.coi.servicedesk;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application context of reporting's integration tests (not shipped in the test jar). */
@SpringBootApplication
public class ReportingTestApplication {}
