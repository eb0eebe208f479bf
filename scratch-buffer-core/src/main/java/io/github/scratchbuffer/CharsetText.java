package io.github.scratchbuffer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Text in any charset, encoded by the charset's own {@link CharsetEncoder} straight into
 * a buffer's free space, growing it whenever the encoder runs out of room.
 */
final class CharsetText {

	private CharsetText() {
	}

	/**
	 * Appends {@code chars} in {@code charset}, replacing what it cannot encode with its
	 * replacement bytes, as {@code String.getBytes(charset)} does.
	 */
	static void encode(ScratchBuffer buffer, CharSequence chars, Charset charset) {
		CharsetEncoder encoder = charset.newEncoder()
			.onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE);
		CharBuffer input = CharBuffer.wrap(chars);
		// Room for the typical case up front; an overflow grows the buffer and goes on.
		int estimate = (int) Math.min(ScratchBuffer.MAX_CAPACITY,
				(long) Math.ceil(input.remaining() * (double) encoder.averageBytesPerChar()) + 16);
		boolean flushing = false;
		while (true) {
			byte[] bytes = buffer.ensureCapacityInternal(ScratchBuffer.addExact(buffer.size, estimate));
			ByteBuffer output = ByteBuffer.wrap(bytes, buffer.size, bytes.length - buffer.size);
			// An encoder writes only from the output's position on, and we commit exactly
			// what it reports: the free space after it stays clean.
			CoderResult result = flushing ? encoder.flush(output) : encoder.encode(input, output, true);
			buffer.size = output.position();
			if (result.isUnderflow()) {
				if (flushing) {
					return;
				}
				flushing = true;
				continue;
			}
			if (result.isOverflow()) {
				estimate = Math.max(16, (int) Math.min(ScratchBuffer.MAX_CAPACITY,
						(long) Math.ceil(input.remaining() * (double) encoder.maxBytesPerChar()) + 16));
				continue;
			}
			// REPLACE leaves no error result; anything else is the charset's own failure.
			try {
				result.throwException();
			}
			catch (CharacterCodingException ex) {
				throw new IllegalStateException("Charset " + charset + " failed to encode: " + ex, ex);
			}
		}
	}

}
