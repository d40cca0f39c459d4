package pl.krakow.coi.servicedesk.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that runs a program besides Java through {@link TestPrograms#require(String)} (wrk, Chromium and its
 * driver, the inventory agent, Alertmanager, clamd). Tagged {@value #TAG}, so a build without those programs can leave
 * it out with {@code -DexcludedGroups=outside-programs}, which also skips installing them (ADR 0083); the default
 * build runs it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag(NeedsOutsidePrograms.TAG)
public @interface NeedsOutsidePrograms {

    /** The JUnit tag, the name {@code groups} and {@code excludedGroups} select by. */
    String TAG = "outside-programs";
}
