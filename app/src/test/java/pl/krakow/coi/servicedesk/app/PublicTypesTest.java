package pl.krakow.coi.servicedesk.app;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Only the API is public (issue 22): at most 40 % of the main top-level types of every module are public. A type
 * is public when code in another package needs it; everything else is package-private.
 */
class PublicTypesTest {

    private static final double MAX_PUBLIC_SHARE = 0.40;

    @Test
    void atMostFortyPercentOfTheMainTypesArePublic() {
        List<JavaClass> types = mainTypes();
        List<JavaClass> publicTypes = types.stream()
                .filter(type -> type.getModifiers().contains(JavaModifier.PUBLIC))
                .toList();
        double share = (double) publicTypes.size() / types.size();

        assertThat(types).as("main types found on the class path").hasSizeGreaterThan(100);
        assertThat(share)
                .as(
                        "%d of %d main types are public (%.1f %%); the packages with the most public types:%n%s",
                        publicTypes.size(), types.size(), 100 * share, largestPublicPackages(types))
                .isLessThanOrEqualTo(MAX_PUBLIC_SHARE);
    }

    /** The top-level types of every module's main code, without package-info and MapStruct's generated mappers. */
    private static List<JavaClass> mainTypes() {
        return new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        // A module's test-jar (core's testing support) is no main code either.
                        .withImportOption(location -> !location.contains("-tests.jar"))
                        .importPackages("pl.krakow.coi.servicedesk")
                        .stream()
                        .filter(JavaClass::isTopLevelClass)
                        .filter(type -> !type.getSimpleName().equals("package-info"))
                        .filter(type -> !isGeneratedMapper(type))
                        .toList();
    }

    /** MapStruct's implementation of a mapper {@code X} is the class {@code XImpl} that implements or extends it. */
    private static boolean isGeneratedMapper(JavaClass type) {
        return Stream.concat(type.getRawInterfaces().stream(), type.getRawSuperclass().stream())
                .anyMatch(supertype -> type.getName().equals(supertype.getName() + "Impl"));
    }

    private static String largestPublicPackages(List<JavaClass> types) {
        Map<String, Long> totals = types.stream().collect(groupingBy(JavaClass::getPackageName, counting()));
        return types.stream()
                .filter(type -> type.getModifiers().contains(JavaModifier.PUBLIC))
                .collect(groupingBy(JavaClass::getPackageName, counting()))
                .entrySet()
                .stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(10)
                .map(entry ->
                        "  %s: %d of %d public".formatted(entry.getKey(), entry.getValue(), totals.get(entry.getKey())))
                .collect(joining(System.lineSeparator()));
    }
}
