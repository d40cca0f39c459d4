package pl.krakow.coi.servicedesk.testing;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Keeps test configurations (of every test class) out of the component scan of a second application instance
 * that a test starts itself: register it as the singleton {@code testClassesExcluded} before refresh.
 */
public final class TestClassesExcluded extends TypeExcludeFilter {

    @Override
    public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
        if (reader.getAnnotationMetadata().hasMetaAnnotation(TestComponent.class.getName())
                || reader.getAnnotationMetadata().hasAnnotation(TestComponent.class.getName())) {
            return true;
        }
        String name = reader.getClassMetadata().getClassName();
        String outer = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
        return outer.endsWith("IT") || outer.endsWith("Test") || outer.endsWith("Tests");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TestClassesExcluded;
    }

    @Override
    public int hashCode() {
        return TestClassesExcluded.class.hashCode();
    }
}
