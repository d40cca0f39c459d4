package pl.krakow.coi.servicedesk.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The COI service desk. Without external PostgreSQL and Elasticsearch URLs it runs on the embedded stack. */
@SpringBootApplication(scanBasePackages = "pl.krakow.coi.servicedesk")
@EnableScheduling
public class ServiceDeskApplication {

    public static void main(String[] args) {
        SpringApplication.run(ServiceDeskApplication.class, args);
    }
}
