package io.github.scratchbuffer.internal;

/**
 * UTF-8 encoding of chars into a byte array, byte for byte what
 * {@code String.getBytes(UTF_8)} gives: a surrogate pair is one 4-byte sequence, and a
 * surrogate without its partner (inside the range encoded) becomes {@code '?'}. Allocates
 * nothing.
 */
public final class Utf8 {

	private Utf8() {
	}

	/**
	 * Number of bytes {@link #encode} writes for {@code [start, end)} of {@code chars}.
	 * @param chars the text
	 * @param start first char, inclusive
	 * @param end last char, exclusive
	 * @return the encoded length; a {@code long} because three bytes per char can exceed
	 * an {@code int}
	 */
	public static long encodedLength(CharSequence chars, int start, int end) {
		long length = end - start;
		for (int i = start; i < end; i++) {
			char c = chars.charAt(i);
			if (c < 0x80) {
				continue;
			}
			if (c < 0x800) {
				length += 1;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars.charAt(i + 1))) {
				// Two chars, four bytes.
				length += 2;
				i++;
			}
			else if (Character.isSurrogate(c)) {
				// Unpaired: one '?'.
				continue;
			}
			else {
				length += 2;
			}
		}
		return length;
	}

	/**
	 * Encodes {@code [start, end)} of {@code chars} into {@code target} from
	 * {@code position}; the caller has made room for {@link #encodedLength} bytes.
	 * @param chars the text
	 * @param start first char, inclusive
	 * @param end last char, exclusive
	 * @param target where to write
	 * @param position where in {@code target} to start
	 * @return the position after the last byte written
	 */
	public static int encode(CharSequence chars, int start, int end, byte[] target, int position) {
		int p = position;
		for (int i = start; i < end; i++) {
			char c = chars.charAt(i);
			if (c < 0x80) {
				target[p++] = (byte) c;
			}
			else if (c < 0x800) {
				target[p++] = (byte) (0xC0 | (c >> 6));
				target[p++] = (byte) (0x80 | (c & 0x3F));
			}
			else if (Character.isSurrogate(c)) {
				char low;
				if (Character.isHighSurrogate(c) && i + 1 < end
						&& Character.isLowSurrogate(low = chars.charAt(i + 1))) {
					int codePoint = Character.toCodePoint(c, low);
					target[p++] = (byte) (0xF0 | (codePoint >> 18));
					target[p++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
					target[p++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
					target[p++] = (byte) (0x80 | (codePoint & 0x3F));
					i++;
				}
				else {
					target[p++] = '?';
				}
			}
			else {
				target[p++] = (byte) (0xE0 | (c >> 12));
				target[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
				target[p++] = (byte) (0x80 | (c & 0x3F));
			}
		}
		return p;
	}

	/**
	 * Copies chars below 0x80 from {@code [start, end)} of {@code chars} until the first
	 * other char: the fast path of most text, one byte per char.
	 * @param chars the text
	 * @param start first char, inclusive
	 * @param end last char, exclusive
	 * @param target where to write; room for {@code end - start} bytes from
	 * {@code position}
	 * @param position where in {@code target} to start
	 * @return the index of the first char not copied ({@code end} if all were)
	 */
	public static int encodeAsciiPrefix(CharSequence chars, int start, int end, byte[] target, int position) {
		int offset = position - start;
		int i = start;
		for (; i < end; i++) {
			char c = chars.charAt(i);
			if (c >= 0x80) {
				break;
			}
			target[offset + i] = (byte) c;
		}
		return i;
	}

}
