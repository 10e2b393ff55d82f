package phoenix.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;

import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every refusal of both apps as RFC 9457 problem+json with a stable {@code code}: domain rules
 * ({@link PhoenixException}), malformed input (400), unknown ids (404), conflicts (409), missing or wrong
 * credentials (401/403, also from the security filters). Messages never echo input values: they may be personal.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    private final ObjectMapper objectMapper;

    public ProblemResponses(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public static ProblemDetail problem(ErrorCode code, String message, Map<String, Object> details) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(code.httpStatus()), message);
        problem.setType(URI.create("urn:phoenix:problem:" + code.name()));
        problem.setTitle(title(code));
        problem.setProperty("code", code.name());
        details.forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> handleAny(Exception exception, HttpServletRequest request) {
        ProblemDetail problem = translate(exception);
        if (problem == null) {
            log.error("Unexpected failure of {} {} (correlation {})", request.getMethod(), request.getRequestURI(),
                    CorrelationId.current(), exception);
            problem = problem(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side. Please try again; "
                    + "if it persists, give your administrator the correlation id.", Map.of());
        }
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Known failures anywhere in the cause chain (Axon may wrap what a handler threw); null for the unknown. */
    static ProblemDetail translate(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof PhoenixException rejected) {
                return problem(rejected.code(), rejected.getMessage(), rejected.details());
            }
            if (cause instanceof AggregateNotFoundException || cause instanceof IncompatibleAggregateException) {
                return problem(ErrorCode.NOT_FOUND, "There is nothing with this id.", Map.of());
            }
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException
                    || cause instanceof DuplicateKeyException) {
                return problem(ErrorCode.CONCURRENT_MODIFICATION,
                        "Someone else changed this at the same moment. Please reload and try again.", Map.of());
            }
            if (cause instanceof DataAccessResourceFailureException || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return unavailable();
            }
            if (cause instanceof AccessDeniedException) {
                return problem(ErrorCode.FORBIDDEN, "Your role may not do this.", Map.of());
            }
            if (cause instanceof AuthenticationException) {
                return problem(ErrorCode.UNAUTHENTICATED, "Please log in.", Map.of());
            }
        }
        return null;
    }

    /** The database does not answer (a restart, a lost connection): nothing was decided, the caller tries again. */
    public static ProblemDetail unavailable() {
        return problem(ErrorCode.UNAVAILABLE, "Phoenix cannot reach its database just now. Please try again in a "
                + "moment.", Map.of());
    }

    // Spring MVC's own exceptions (malformed JSON, wrong method, missing parameter, ...) get a code too.
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception exception, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ErrorCode code = switch (status.value()) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 400 -> exception instanceof MethodArgumentNotValidException
                    || exception instanceof HandlerMethodValidationException
                    ? ErrorCode.VALIDATION_FAILED : ErrorCode.MALFORMED_REQUEST;
            default -> status.is5xxServerError() ? ErrorCode.INTERNAL_ERROR : ErrorCode.MALFORMED_REQUEST;
        };
        ProblemDetail problem = problem(code, describe(exception, code), fieldErrors(exception));
        if (request instanceof ServletWebRequest servlet) {
            problem.setInstance(URI.create(servlet.getRequest().getRequestURI()));
        }
        HttpHeaders answerHeaders = new HttpHeaders();
        answerHeaders.putAll(headers);
        answerHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(status).headers(answerHeaders).body(problem);
    }

    /** For the security filters: no or invalid credentials. */
    public void unauthenticated(HttpServletRequest request, HttpServletResponse response,
                                AuthenticationException exception) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        write(request, response, problem(ErrorCode.UNAUTHENTICATED,
                "Send a valid access token (or, for devices, API key) as 'Authorization: Bearer ...'.", Map.of()));
    }

    /** For the security filters: valid credentials, but not for this. */
    public void forbidden(HttpServletRequest request, HttpServletResponse response,
                          AccessDeniedException exception) throws IOException {
        write(request, response, problem(ErrorCode.FORBIDDEN, "Your role may not do this.", Map.of()));
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }

    private static String describe(Exception exception, ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED -> "Some fields are missing or invalid: see 'errors'.";
            case MALFORMED_REQUEST -> exception instanceof HttpMessageNotReadableException unreadable
                    ? unreadable(unreadable) : "The request is malformed: a parameter is missing or has the wrong type.";
            case NOT_FOUND -> "There is nothing at this address.";
            case METHOD_NOT_ALLOWED -> "This address does not support this method.";
            case NOT_ACCEPTABLE -> "This address answers in JSON only.";
            case UNSUPPORTED_MEDIA_TYPE -> "Send JSON (Content-Type: application/json).";
            default -> "The request could not be handled.";
        };
    }

    private static String unreadable(HttpMessageNotReadableException exception) {
        if (exception.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null
                            ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return mapping instanceof InvalidFormatException
                    ? "The field '" + field + "' has the wrong format."
                    : "The field '" + field + "' cannot be read.";
        }
        return "The request body is missing or is not valid JSON.";
    }

    private static Map<String, Object> fieldErrors(Exception exception) {
        if (exception instanceof MethodArgumentNotValidException invalid) {
            List<Map<String, String>> errors = invalid.getBindingResult().getFieldErrors().stream()
                    .map(error -> Map.of("field", error.getField(), "message", message(error)))
                    .toList();
            return Map.of("errors", errors);
        }
        if (exception instanceof HandlerMethodValidationException invalid) {
            List<Map<String, String>> errors = invalid.getParameterValidationResults().stream()
                    .flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.of(
                            "field", String.valueOf(result.getMethodParameter().getParameterName()),
                            "message", String.valueOf(error.getDefaultMessage()))))
                    .toList();
            return Map.of("errors", errors);
        }
        return Map.of();
    }

    private static String message(FieldError error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static String title(ErrorCode code) {
        String words = code.name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
