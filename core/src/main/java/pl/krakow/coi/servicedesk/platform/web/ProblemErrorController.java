package pl.krakow.coi.servicedesk.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartException;
import pl.krakow.coi.servicedesk.platform.DatabaseUnavailable;

/**
 * The servlet container's error page ({@code /error}): errors raised outside Spring MVC (in a filter, by
 * the security firewall, by {@code sendError}) as {@code application/problem+json} with a stable type,
 * instead of Spring Boot's default error body. Replaces Spring Boot's BasicErrorController.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = HttpStatus.resolve(code instanceof Integer value ? value : 500);
        if (status == null || status.value() < 400) {
            status = HttpStatus.BAD_REQUEST;
        }
        HttpHeaders headers = new HttpHeaders();
        ProblemDetail problem;
        if (failure != null && DatabaseUnavailable.explains(failure)) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            problem = ProblemDetailsAdvice.problem(
                    status,
                    ProblemTypes.DATABASE_UNAVAILABLE,
                    "Database unavailable",
                    "The database cannot be reached right now; retry shortly");
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
        } else if (failure != null && isBadInput(failure)) {
            status = HttpStatus.BAD_REQUEST;
            problem = ProblemDetailsAdvice.problem(
                    status,
                    ProblemTypes.MALFORMED_REQUEST,
                    "Malformed request",
                    "The request cannot be processed as sent (its path, encoding or form is invalid)");
        } else {
            if (status.is5xxServerError()) {
                log.error("Unexpected error on {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), failure);
            }
            problem = ProblemDetailsAdvice.problem(
                    status,
                    ProblemDetailsAdvice.slugFor(status),
                    status.getReasonPhrase(),
                    status.is5xxServerError()
                            ? "An unexpected error occurred; it has been logged"
                            : Objects.requireNonNullElse(
                                    (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE),
                                    status.getReasonPhrase()));
        }
        if (status == HttpStatus.SERVICE_UNAVAILABLE && !headers.containsHeader(HttpHeaders.RETRY_AFTER)) {
            headers.set(HttpHeaders.RETRY_AFTER, "10");
        }
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static boolean isBadInput(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RequestRejectedException
                    || cause instanceof MultipartException
                    || cause instanceof InvalidParameterException
                    || cause instanceof IllegalArgumentException) {
                return true;
            }
        }
        return false;
    }
}
