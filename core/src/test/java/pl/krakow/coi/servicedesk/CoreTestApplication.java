package pl.krakow.coi.servicedesk;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application context of core's integration tests (not shipped in the test jar). */
@SpringBootApplication
public class CoreTestApplication {}
