package io.github.scratchbuffer.internal;

/**
 * Encodings of one byte per char, US-ASCII and ISO-8859-1, byte for byte what
 * {@code String.getBytes} gives for them: a char beyond the charset becomes {@code '?'},
 * and so does a surrogate pair (one code point, one {@code '?'}). Allocates nothing.
 */
public final class SingleByteText {

	/** Highest US-ASCII char. */
	public static final char ASCII_MAX = 0x7F;

	/** Highest ISO-8859-1 char. */
	public static final char LATIN1_MAX = 0xFF;

	private SingleByteText() {
	}

	/**
	 * Encodes {@code [start, end)} of {@code chars} into {@code target} from
	 * {@code position}; the caller has made room for {@code end - start} bytes, the most
	 * it can take.
	 * @param chars the text
	 * @param start first char, inclusive
	 * @param end last char, exclusive
	 * @param max the highest char the charset has
	 * @param target where to write
	 * @param position where in {@code target} to start
	 * @return the position after the last byte written
	 */
	public static int encode(CharSequence chars, int start, int end, char max, byte[] target, int position) {
		int p = position;
		for (int i = start; i < end; i++) {
			char c = chars.charAt(i);
			if (c <= max) {
				target[p++] = (byte) c;
				continue;
			}
			if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars.charAt(i + 1))) {
				i++;
			}
			target[p++] = '?';
		}
		return p;
	}

}
