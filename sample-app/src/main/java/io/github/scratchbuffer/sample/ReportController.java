package io.github.scratchbuffer.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.ScratchBuffer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Renders a CSV report into the request's scratch buffer.
 */
@RestController
class ReportController {

	/** Up to nine ASCII digits: anything longer is out of range anyway. */
	private static final Pattern ROWS = Pattern.compile("[0-9]{1,9}");

	private static final byte[] HEADER = "row,square,cube\n".getBytes(StandardCharsets.US_ASCII);

	private final BufferManager bufferManager;

	private final SampleProperties properties;

	ReportController(BufferManager bufferManager, SampleProperties properties) {
		this.bufferManager = bufferManager;
		this.properties = properties;
	}

	@GetMapping(path = "/api/report", produces = "text/csv")
	void report(HttpServletRequest request, HttpServletResponse response) throws IOException {
		int rows = rows(request.getParameterValues("rows"));
		int maxRows = this.properties.getMaxReportRows();
		if (rows < 1 || rows > maxRows) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"'rows' must be between 1 and " + maxRows + ", was " + rows);
		}
		// The starter's filter opened a scope for this request: this is its buffer.
		ScratchBuffer buffer = this.bufferManager.current();
		buffer.write(HEADER);
		for (long row = 1; row <= rows; row++) {
			writeDecimal(buffer, row);
			buffer.write(',');
			writeDecimal(buffer, row * row);
			buffer.write(',');
			writeDecimal(buffer, row * row * row);
			buffer.write('\n');
		}
		response.setContentType("text/csv");
		response.setContentLength(buffer.size());
		buffer.writeTo(response.getOutputStream());
	}

	/**
	 * Reads {@code rows} strictly: exactly one plain decimal number. Spring's lenient
	 * conversion would also take {@code 0x10}, full-width digits, {@code rows[]} or the
	 * first of several values, none of which a client of this API means.
	 */
	private static int rows(String @Nullable [] values) {
		if (values == null || values.length == 0) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'rows' is required");
		}
		if (values.length > 1) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'rows' must be given once");
		}
		String value = values[0];
		if (!ROWS.matcher(value).matches()) {
			String shown = (value.length() > 20) ? value.substring(0, 20) + "..." : value;
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"'rows' must be a whole number written with digits 0-9, was '" + shown + "'");
		}
		return Integer.parseInt(value);
	}

	/** Writes a non-negative number in ASCII without allocating. */
	private static void writeDecimal(ScratchBuffer buffer, long value) {
		long divisor = 1;
		while (value / divisor >= 10) {
			divisor *= 10;
		}
		while (divisor > 0) {
			buffer.write((int) ('0' + (value / divisor) % 10));
			divisor /= 10;
		}
	}

}
