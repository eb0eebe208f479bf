package io.github.scratchbuffer.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.ScratchBuffer;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Renders a report into the request's scratch buffer, as CSV with the buffer's encoders
 * and as JSON with Jackson, and returns the buffer as the response body.
 */
@RestController
class ReportController {

	/** Up to nine ASCII digits: anything longer is out of range anyway. */
	private static final Pattern ROWS = Pattern.compile("[0-9]{1,9}");

	private static final String HEADER = "row,square,cube\n";

	private final BufferManager bufferManager;

	private final SampleProperties properties;

	private final JsonMapper jsonMapper;

	ReportController(BufferManager bufferManager, SampleProperties properties, JsonMapper jsonMapper) {
		this.bufferManager = bufferManager;
		this.properties = properties;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * The report as CSV, rendered into the request's buffer and returned as the body: no
	 * copy, no per-row allocation, {@code Content-Length} from the buffer.
	 * @param request the request, for its raw {@code rows} values
	 * @return the request's buffer
	 */
	@GetMapping(path = "/api/report", produces = "text/csv")
	ScratchBuffer report(HttpServletRequest request) {
		int rows = checkedRows(request);
		// The starter's filter opened a scope for this request: this is its buffer.
		ScratchBuffer buffer = this.bufferManager.current();
		buffer.writeAscii(HEADER);
		for (long row = 1; row <= rows; row++) {
			buffer.writeDecimal(row)
				.write(',')
				.writeDecimal(row * row)
				.write(',')
				.writeDecimal(row * row * row)
				.write('\n');
		}
		return buffer;
	}

	/**
	 * The same report as JSON, serialised by Jackson straight into the request's buffer
	 * and returned as the body, so it too gets a {@code Content-Length} with no
	 * per-request {@code byte[]}.
	 * @param request the request, for its raw {@code rows} values
	 * @return the request's buffer
	 */
	@GetMapping(path = "/api/report.json", produces = MediaType.APPLICATION_JSON_VALUE)
	ScratchBuffer reportJson(HttpServletRequest request) {
		int rows = checkedRows(request);
		ScratchBuffer buffer = this.bufferManager.current();
		this.jsonMapper.writeValue(buffer.outputStream(), reportRows(rows));
		return buffer;
	}

	private int checkedRows(HttpServletRequest request) {
		int rows = rows(request.getParameterValues("rows"));
		int maxRows = this.properties.getMaxReportRows();
		if (rows < 1 || rows > maxRows) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"'rows' must be between 1 and " + maxRows + ", was " + rows);
		}
		return rows;
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

	/**
	 * The report's rows as objects, as Jackson takes them: the rows are the data, so they
	 * are what the JSON variant allocates on top of what Jackson itself does.
	 */
	static List<Row> reportRows(int rows) {
		List<Row> list = new ArrayList<>(rows);
		for (long row = 1; row <= rows; row++) {
			list.add(new Row(row, row * row, row * row * row));
		}
		return list;
	}

	/**
	 * One row of the report.
	 *
	 * @param row the row number
	 * @param square its square
	 * @param cube its cube
	 */
	record Row(long row, long square, long cube) {
	}

}
