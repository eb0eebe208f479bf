package io.github.scratchbuffer.http;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request body read into a scratch buffer was larger than
 * {@code scratch-buffer.request-body.max-size}: answered with 413 Content Too Large and a
 * problem detail that states the limit.
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
public class RequestBodyTooLargeException extends ErrorResponseException {

	private final long maxSize;

	/**
	 * A body refused for its declared {@code Content-Length}, before any of it was read.
	 * @param maxSize the limit in bytes
	 * @param contentLength the declared length
	 * @return the exception
	 */
	public static RequestBodyTooLargeException declared(long maxSize, long contentLength) {
		return new RequestBodyTooLargeException(maxSize, "The request body must be at most " + maxSize
				+ " bytes (scratch-buffer.request-body.max-size), its Content-Length is " + contentLength);
	}

	/**
	 * A body refused while streaming, once more than the limit had arrived.
	 * @param maxSize the limit in bytes
	 * @return the exception
	 */
	public static RequestBodyTooLargeException streamed(long maxSize) {
		return new RequestBodyTooLargeException(maxSize, "The request body must be at most " + maxSize
				+ " bytes (scratch-buffer.request-body.max-size), more arrived");
	}

	private RequestBodyTooLargeException(long maxSize, String detail) {
		super(HttpStatus.CONTENT_TOO_LARGE, problem(detail), null);
		this.maxSize = maxSize;
	}

	/**
	 * The limit that was exceeded.
	 * @return the maximum body size in bytes
	 */
	public long getMaxSize() {
		return this.maxSize;
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, detail);
		problem.setTitle("Content Too Large");
		return problem;
	}

}
