package pl.krakow.coi.servicedesk.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that asserts a duration, a throughput or a deadline measured on the wall clock, or a benchmark that
 * measures one: its verdict depends on the machine and on what else runs on it. Tagged {@value #TAG}, so a
 * build can leave it out with {@code -DexcludedGroups=timing} or run only it with {@code -Dgroups=timing}
 * (ADR 0083); the default build runs it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag(TimingSensitive.TAG)
public @interface TimingSensitive {

    /** The JUnit tag, the name {@code groups} and {@code excludedGroups} select by. */
    String TAG = "timing";
}
