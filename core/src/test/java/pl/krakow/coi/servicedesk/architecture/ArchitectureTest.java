package pl.krakow.coi.servicedesk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Holds the line between the domain and the frameworks (STYLE.md, ADR 0004), and keeps the capabilities
 * free of import cycles (ADR 0078; app's ModularityTests checks the boundaries of all Maven modules).
 */
class ArchitectureTest {

    /**
     * The SLA's domain types. They share the package {@code sla} with its services, so that only what other
     * capabilities use is public (ADR 0078); named here, they are held to the same rules as a domain package.
     */
    private static final String SLA_DOMAIN = "pl\\.krakow\\.coi\\.servicedesk\\.sla\\."
            + "(AlertLevel|ApplicablePolicy|BusinessCalendar|ClockState|FirstResponseRule|OpeningHours"
            + "|PolishHolidays|Segment|SlaAlert|SlaClocks|SlaPolicy|SlaRuleViolation|SlaStatus|SlaTarget"
            + "|TargetDurations|TargetState|TargetStatus)(\\$.*)?";

    /**
     * Types in a domain package and the SLA's domain types. A domain package's package-info declares it a
     * named interface of its module (ADR 0078), which is metadata, not a dependency of the domain.
     */
    private static final DescribedPredicate<JavaClass> DOMAIN = DescribedPredicate.describe(
            "domain types",
            type -> !type.getSimpleName().equals("package-info")
                    && (type.getPackageName().contains(".domain")
                            || type.getName().matches(SLA_DOMAIN)));

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("pl.krakow.coi.servicedesk");

    @Test
    void domainTypesDependOnNoFrameworkNorPersistence() {
        noClasses()
                .that(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "co.elastic..",
                        "org.elasticsearch..",
                        "jakarta.persistence..",
                        "java.sql..",
                        "tools.jackson..",
                        "com.fasterxml..")
                .check(classes);
    }

    @Test
    void domainTypesDoNotDependOnAdapters() {
        noClasses()
                .that(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..web..", "..search..", "..persistence..")
                .check(classes);
    }

    @Test
    void everyNamedSlaDomainTypeExists() {
        // A renamed type would otherwise drop out of the rules above without a word.
        assertThat(classes.stream()
                        .filter(type -> !type.isNestedClass() && type.getName().matches(SLA_DOMAIN)))
                .hasSize(17);
    }

    @Test
    void theEmbeddedStackIsNotUsedByTheApplicationCode() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..embedded..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..embedded..")
                .check(classes);
    }

    @Test
    void capabilitiesAreFreeOfCycles() {
        slices().matching("pl.krakow.coi.servicedesk.(*)..")
                .namingSlices("$1")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }
}
