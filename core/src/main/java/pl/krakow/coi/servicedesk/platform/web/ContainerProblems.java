package pl.krakow.coi.servicedesk.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Errors Tomcat answers itself, before a request reaches Spring (a path with {@code %00} or an invalid
 * percent-encoding, a malformed request line): {@code application/problem+json} like every other error,
 * instead of Tomcat's HTML error page.
 */
@Configuration(proxyBeanMethods = false)
class ContainerProblems {

    @Bean
    ProblemReportCustomizer problemErrorReport() {
        return new ProblemReportCustomizer();
    }

    /** Runs after Spring Boot's customizer, whose context customizer adds an ErrorReportValve of its own. */
    static final class ProblemReportCustomizer
            implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            // Replaces the ErrorReportValve Spring Boot or the host put in the host's pipeline.
            factory.addContextCustomizers(context -> {
                Container host = context.getParent();
                Pipeline pipeline = host.getPipeline();
                for (Valve valve : pipeline.getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                        pipeline.removeValve(valve);
                    }
                }
                pipeline.addValve(new ProblemReportValve());
                if (host instanceof org.apache.catalina.core.StandardHost standard) {
                    standard.setErrorReportValveClass(ProblemReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** Tomcat's error report as a problem: the status's stable type, no server details. */
    public static final class ProblemReportValve extends ErrorReportValve {

        public ProblemReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            String slug = ProblemDetailsAdvice.slugFor(known == null ? HttpStatus.BAD_REQUEST : known);
            String title = known == null ? "Error" : known.getReasonPhrase();
            String detail = status >= 500
                    ? "The server could not answer the request"
                    : "The request cannot be processed as sent (its path, encoding or form is invalid)";
            String body = "{\"type\":\"" + ProblemTypes.BASE + slug + "\",\"title\":\"" + title + "\",\"status\":"
                    + status + ",\"detail\":\"" + detail + "\"}";
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The client went away or the response is already committed: nothing more can be said.
            }
        }
    }
}
