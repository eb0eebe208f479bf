package io.github.scratchbuffer.sample;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;

/**
 * A request body beyond {@code sample.max-body-size}: answered with 413.
 */
class BodyTooLargeException extends ResponseStatusException {

	BodyTooLargeException(DataSize limit) {
		super(HttpStatus.CONTENT_TOO_LARGE, "The request body must be at most " + limit.toBytes() + " bytes");
	}

}
