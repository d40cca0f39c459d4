package pl.krakow.coi.servicedesk.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/**
 * A component that does background work (outbox relay, SLA timers, batch jobs, scheduled reports):
 * present only on instances whose {@code servicedesk.instance.roles} include {@code worker} (the
 * default, {@code api,worker}, runs everything in one process; the Helm chart runs {@code api} and
 * {@code worker} as separate Deployments). Work that must happen once is additionally coordinated
 * through PostgreSQL, so several workers are safe.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnExpression("'${servicedesk.instance.roles:api,worker}'.contains('worker')")
public @interface ConditionalOnWorkerRole {}
