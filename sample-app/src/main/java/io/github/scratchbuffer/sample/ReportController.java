package io.github.scratchbuffer.sample;

import java.nio.charset.StandardCharsets;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.ScratchBuffer;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders a CSV report into the request's scratch buffer.
 */
@RestController
class ReportController {

	static final int MAX_ROWS = 100_000;

	private final BufferManager bufferManager;

	ReportController(BufferManager bufferManager) {
		this.bufferManager = bufferManager;
	}

	@GetMapping(path = "/api/report", produces = "text/csv")
	ResponseEntity<byte[]> report(@RequestParam(defaultValue = "10") int rows) {
		if (rows < 0 || rows > MAX_ROWS) {
			return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN)
				.body(("'rows' must be between 0 and " + MAX_ROWS + ", was " + rows).getBytes(StandardCharsets.UTF_8));
		}
		// The starter's filter opened a scope for this request: this is the request's buffer.
		ScratchBuffer buffer = this.bufferManager.current();
		buffer.write("row,square\n".getBytes(StandardCharsets.US_ASCII));
		for (int row = 1; row <= rows; row++) {
			buffer.write((row + "," + ((long) row * row) + "\n").getBytes(StandardCharsets.US_ASCII));
		}
		return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv")).body(buffer.toByteArray());
	}

}
