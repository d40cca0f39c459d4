package pl.krakow.coi.servicedesk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Holds the line between the domain and the frameworks (STYLE.md, ADR 0004), and keeps the capabilities
 * free of import cycles (ADR 0078; app's ModularityTests checks the boundaries of all Maven modules).
 */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("pl.krakow.coi.servicedesk");

    @Test
    void domainTypesDependOnNoFrameworkNorPersistence() {
        noClasses()
                .that()
                .resideInAPackage("..domain..")
                // A domain package's package-info declares it a named interface of its module (ADR 0078).
                .and()
                .doNotHaveSimpleName("package-info")
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
                .that()
                .resideInAPackage("..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..web..", "..search..", "..persistence..")
                .check(classes);
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
