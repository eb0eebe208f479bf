package io.github.scratchbuffer.http;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Answers a {@link RequestBodyTooLargeException} with its problem detail (413,
 * {@code application/problem+json}) whether or not the application turned on Spring's
 * problem details; last in line, so that the application's own handlers win. Serves
 * Spring MVC and WebFlux alike.
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class RequestBodyTooLargeAdvice {

	@ExceptionHandler(RequestBodyTooLargeException.class)
	@ResponseBody
	ProblemDetail handle(RequestBodyTooLargeException ex) {
		return ex.getBody();
	}

}
