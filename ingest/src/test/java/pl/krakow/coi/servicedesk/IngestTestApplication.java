package pl.krakow.coi.servicedesk;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application context of the ingest module's integration tests (core's test application is not shared). */
@SpringBootApplication
public class IngestTestApplication {}
