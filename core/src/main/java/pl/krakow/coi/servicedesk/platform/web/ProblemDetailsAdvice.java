package pl.krakow.coi.servicedesk.platform.web;

import jakarta.validation.ConstraintViolationException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import pl.krakow.coi.servicedesk.platform.DatabaseUnavailable;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

/**
 * Renders every error as {@code application/problem+json} with a stable {@code type}: the service
 * desk's own failures, Spring MVC's (bad JSON, validation, unknown paths) and data-access conflicts.
 * Bad input is never a 500.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private static final int DEFAULT_RETRY_AFTER_SECONDS = 10;

    private final ObjectProvider<ConnectionPoolRecovery> pool;

    ProblemDetailsAdvice(ObjectProvider<ConnectionPoolRecovery> pool) {
        this.pool = pool;
    }

    @ExceptionHandler(ServiceDeskException.class)
    ResponseEntity<Object> serviceDesk(ServiceDeskException e, WebRequest request) {
        HttpStatus status = status(e.kind());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setType(ProblemTypes.uri(e.type()));
        problem.setTitle(e.title());
        e.properties().forEach(problem::setProperty);
        return handleExceptionInternal(e, problem, new HttpHeaders(), status, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException e, WebRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.VALIDATION_FAILED,
                "Validation failed",
                "The request has invalid values");
        problem.setProperty(
                "errors",
                e.getConstraintViolations().stream()
                        .map(v -> Map.of("field", String.valueOf(v.getPropertyPath()), "message", v.getMessage()))
                        .toList());
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e, WebRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.VALIDATION_FAILED,
                "Validation failed",
                "Parameter '" + e.getName() + "' has an invalid value: " + e.getValue());
        problem.setProperty("errors", List.of(Map.of("field", e.getName(), "message", "invalid value")));
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> staleVersion(OptimisticLockingFailureException e, WebRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.PRECONDITION_FAILED,
                ProblemTypes.STALE_VERSION,
                "Stale version",
                "The resource was changed by someone else; fetch it again and retry");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.PRECONDITION_FAILED, request);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> conflict(DataIntegrityViolationException e, WebRequest request) {
        if (isDataException(e)) {
            // SQL state class 22: a value PostgreSQL cannot store (a NUL character, a number out of range),
            // which is the caller's input, not a conflict with other data.
            log.info(
                    "Value refused by the database: {}",
                    e.getMostSpecificCause().getMessage());
            ProblemDetail problem = problem(
                    HttpStatus.BAD_REQUEST,
                    ProblemTypes.INVALID_VALUE,
                    "Invalid value",
                    "The request has a value that cannot be stored (e.g. a NUL character or a number out of"
                            + " range)");
            return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
        }
        log.info("Data integrity violation: {}", e.getMostSpecificCause().getMessage());
        ProblemDetail problem = problem(
                HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", "The request conflicts with existing data");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.CONFLICT, request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException e, WebRequest request) {
        ProblemDetail problem =
                problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", "You are not allowed to do this");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.FORBIDDEN, request);
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> multipart(MultipartException e, WebRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.MALFORMED_REQUEST,
                "Malformed request",
                "The multipart body cannot be read (a boundary missing or wrong)");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> undecodableParameter(InvalidParameterException e, WebRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.MALFORMED_REQUEST,
                "Malformed request",
                "The query string is not valid percent-encoded UTF-8");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) throws Exception {
        if (e instanceof org.springframework.web.ErrorResponse) {
            throw e;
        }
        if (DatabaseUnavailable.explains(e)) {
            return databaseUnavailable(e, request);
        }
        log.error("Unexpected error on {}", request.getDescription(false), e);
        ProblemDetail problem = problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemTypes.INTERNAL_ERROR,
                "Internal error",
                "An unexpected error occurred; it has been logged");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    private ResponseEntity<Object> databaseUnavailable(Exception e, WebRequest request) {
        pool.ifAvailable(ConnectionPoolRecovery::connectionLost);
        log.warn("PostgreSQL unavailable on {}: {}", request.getDescription(false), rootCause(e));
        ProblemDetail problem = problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.DATABASE_UNAVAILABLE,
                "Database unavailable",
                "The database cannot be reached right now; retry shortly (a request that failed this way"
                        + " changed nothing unless it says so)");
        problem.setProperty("retryAfterSeconds", DatabaseUnavailable.RETRY_AFTER_SECONDS);
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.SERVICE_UNAVAILABLE, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.VALIDATION_FAILED,
                "Validation failed",
                "The request has invalid values");
        problem.setProperty(
                "errors",
                e.getBindingResult().getFieldErrors().stream()
                        .map(ProblemDetailsAdvice::fieldError)
                        .toList());
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.VALIDATION_FAILED,
                "Validation failed",
                "The request has invalid values");
        problem.setProperty(
                "errors",
                e.getParameterValidationResults().stream()
                        .flatMap(result -> result.getResolvableErrors().stream()
                                .map(error -> Map.of(
                                        "field",
                                        result.getMethodParameter().getParameterName() == null
                                                ? "?"
                                                : result.getMethodParameter().getParameterName(),
                                        "message",
                                        String.valueOf(error.getDefaultMessage()))))
                        .toList());
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.MALFORMED_REQUEST,
                "Malformed request",
                "The request body is missing or is not valid JSON of the expected shape: " + parserReason(e));
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.VALIDATION_FAILED,
                "Validation failed",
                "Required parameter '" + e.getParameterName() + "' is missing");
        problem.setProperty("errors", List.of(Map.of("field", e.getParameterName(), "message", "required")));
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Object> missingHeader(MissingRequestHeaderException e, WebRequest request) {
        boolean precondition = HttpHeaders.IF_MATCH.equalsIgnoreCase(e.getHeaderName());
        HttpStatus status = precondition ? HttpStatus.PRECONDITION_REQUIRED : HttpStatus.BAD_REQUEST;
        ProblemDetail problem = problem(
                status,
                precondition ? ProblemTypes.PRECONDITION_REQUIRED : ProblemTypes.VALIDATION_FAILED,
                precondition ? "Precondition required" : "Validation failed",
                "Required header '" + e.getHeaderName() + "' is missing");
        return handleExceptionInternal(e, problem, new HttpHeaders(), status, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", "No such resource");
        return handleExceptionInternal(e, problem, headers, HttpStatus.NOT_FOUND, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.METHOD_NOT_ALLOWED, ProblemTypes.METHOD_NOT_ALLOWED, "Method not allowed", e.getMessage());
        return handleExceptionInternal(e, problem, headers, HttpStatus.METHOD_NOT_ALLOWED, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported media type",
                e.getMessage());
        return handleExceptionInternal(e, problem, headers, HttpStatus.UNSUPPORTED_MEDIA_TYPE, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            HttpMediaTypeNotAcceptableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem =
                problem(HttpStatus.NOT_ACCEPTABLE, ProblemTypes.NOT_ACCEPTABLE, "Not acceptable", e.getMessage());
        return handleExceptionInternal(e, problem, headers, HttpStatus.NOT_ACCEPTABLE, request);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            MaxUploadSizeExceededException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.CONTENT_TOO_LARGE,
                ProblemTypes.PAYLOAD_TOO_LARGE,
                "Payload too large",
                "The upload exceeds the maximum size");
        return handleExceptionInternal(e, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getType().toString().equals("about:blank")) {
                problem.setType(ProblemTypes.uri(slugFor(status)));
            }
            if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()
                    && headers.getFirst(HttpHeaders.RETRY_AFTER) == null) {
                Object seconds = problem.getProperties() == null
                        ? null
                        : problem.getProperties().get("retryAfterSeconds");
                headers = HttpHeaders.copyOf(headers);
                headers.set(
                        HttpHeaders.RETRY_AFTER,
                        String.valueOf(seconds instanceof Number n ? n.intValue() : DEFAULT_RETRY_AFTER_SECONDS));
            }
            log.debug(
                    "{} {} on {}: {}",
                    status.value(),
                    problem.getType(),
                    request.getDescription(false),
                    problem.getDetail());
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    /** Whether the database refused a value of the request (SQL state class 22, "data exception"). */
    private static boolean isDataException(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.toString();
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemTypes.uri(type));
        problem.setTitle(title);
        return problem;
    }

    static HttpStatus status(ServiceDeskException.Kind kind) {
        return switch (kind) {
            case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case STALE_VERSION -> HttpStatus.PRECONDITION_FAILED;
            case RULE_VIOLATION -> HttpStatus.UNPROCESSABLE_CONTENT;
            case PAYLOAD_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case GONE -> HttpStatus.GONE;
        };
    }

    static String slugFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> ProblemTypes.MALFORMED_REQUEST;
            case 401 -> ProblemTypes.UNAUTHENTICATED;
            case 403 -> ProblemTypes.FORBIDDEN;
            case 404 -> ProblemTypes.NOT_FOUND;
            case 405 -> ProblemTypes.METHOD_NOT_ALLOWED;
            case 406 -> ProblemTypes.NOT_ACCEPTABLE;
            case 409 -> ProblemTypes.CONFLICT;
            case 412 -> ProblemTypes.STALE_VERSION;
            case 413 -> ProblemTypes.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemTypes.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ProblemTypes.SERVICE_UNAVAILABLE;
            default -> status.is5xxServerError() ? ProblemTypes.INTERNAL_ERROR : ProblemTypes.MALFORMED_REQUEST;
        };
    }

    /** The first line of the JSON parser's complaint, without class names or source positions. */
    private static String parserReason(HttpMessageNotReadableException e) {
        String message = e.getMostSpecificCause().getMessage();
        if (message == null) {
            return "unreadable body";
        }
        String first = message.lines()
                .findFirst()
                .orElse("")
                .replaceAll("\\(class [^)]*\\)", "")
                .trim();
        return first.length() > 200 ? first.substring(0, 200) + "…" : first;
    }

    private static Map<String, String> fieldError(FieldError error) {
        return Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()));
    }
}
