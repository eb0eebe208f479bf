package io.github.scratchbuffer.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Numbers as ASCII text, written backwards from a precomputed length (as Agrona's
 * {@code putLongAscii} and the JDK's {@code Long.getChars} do): decimal in blocks of
 * eight digits, each pair of digits one table load and one two-byte store. Allocates
 * nothing.
 */
public final class NumberText {

	/** {@code Long.MIN_VALUE} has no positive counterpart: its digits, spelled out. */
	private static final byte[] MIN_LONG = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);

	/**
	 * "00", "01", … "99" as big-endian shorts (tens digit first), so that a pair of
	 * digits is one load and one store.
	 */
	private static final short[] PAIRS = new short[100];

	private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

	private static final byte[] HEX_DIGITS = { '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd',
			'e', 'f' };

	static {
		for (int i = 0; i < 100; i++) {
			PAIRS[i] = (short) ((('0' + i / 10) << 8) | ('0' + i % 10));
		}
	}

	/** 10^0 to 10^18. */
	private static final long[] POWERS_OF_TEN = new long[19];

	static {
		POWERS_OF_TEN[0] = 1;
		for (int i = 1; i < POWERS_OF_TEN.length; i++) {
			POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
		}
	}

	private NumberText() {
	}

	/**
	 * Number of bytes {@link #writeDecimal} writes for {@code value}, sign included.
	 * @param value any value
	 * @return from 1 to 20
	 */
	public static int decimalLength(long value) {
		if (value == Long.MIN_VALUE) {
			return MIN_LONG.length;
		}
		if (value < 0) {
			return 1 + digits(-value);
		}
		return digits(value);
	}

	/**
	 * Writes {@code value} in decimal, with a leading {@code '-'} if negative.
	 * @param value any value
	 * @param length its {@link #decimalLength}, which the caller computed to make room
	 * @param target where to write; room for {@code length} bytes from {@code position}
	 * @param position where to start
	 * @return the position after the last digit
	 */
	public static int writeDecimal(long value, int length, byte[] target, int position) {
		int end = position + length;
		if (value == Long.MIN_VALUE) {
			System.arraycopy(MIN_LONG, 0, target, position, MIN_LONG.length);
			return end;
		}
		if (value < 0) {
			target[position] = '-';
			value = -value;
		}
		int p = end;
		// Eight digits at a time with one long division, then int arithmetic, which is
		// cheaper than dividing the long by 100 for every pair.
		while (value >= 100_000_000) {
			long quotient = value / 100_000_000;
			p = writeEightDigits((int) (value - quotient * 100_000_000), target, p);
			value = quotient;
		}
		int rest = (int) value;
		while (rest >= 100) {
			int quotient = rest / 100;
			p -= 2;
			SHORT.set(target, p, PAIRS[rest - quotient * 100]);
			rest = quotient;
		}
		if (rest >= 10) {
			SHORT.set(target, p - 2, PAIRS[rest]);
		}
		else {
			target[p - 1] = (byte) ('0' + rest);
		}
		return end;
	}

	/** Writes {@code [0, 10^8)} as exactly eight digits ending before {@code end}. */
	private static int writeEightDigits(int value, byte[] target, int end) {
		int high = value / 10_000;
		int low = value - high * 10_000;
		int highPair = high / 100;
		int lowPair = low / 100;
		SHORT.set(target, end - 8, PAIRS[highPair]);
		SHORT.set(target, end - 6, PAIRS[high - highPair * 100]);
		SHORT.set(target, end - 4, PAIRS[lowPair]);
		SHORT.set(target, end - 2, PAIRS[low - lowPair * 100]);
		return end - 8;
	}

	/**
	 * Number of bytes {@link #writeHex} writes for {@code value}.
	 * @param value any value, taken as unsigned
	 * @return from 1 to 16
	 */
	public static int hexLength(long value) {
		return (value == 0) ? 1 : (67 - Long.numberOfLeadingZeros(value)) >>> 2;
	}

	/**
	 * Writes {@code value} as unsigned lower-case hexadecimal without leading zeros.
	 * @param value any value, taken as unsigned
	 * @param target where to write; room for {@link #hexLength} bytes from
	 * {@code position}
	 * @param position where to start
	 * @return the position after the last digit
	 */
	public static int writeHex(long value, byte[] target, int position) {
		int end = position + hexLength(value);
		for (int p = end - 1; p >= position; p--) {
			target[p] = HEX_DIGITS[(int) value & 0xF];
			value >>>= 4;
		}
		return end;
	}

	/**
	 * Digits of a non-negative value: the bit length gives the power of ten below it
	 * (log10(2) is about 1233 / 4096), and one comparison corrects it.
	 */
	private static int digits(long value) {
		// value | 1: zero has one digit, and no power of ten from 10 on is odd, so the
		// bit
		// changes nothing else.
		long atLeastOne = value | 1;
		int guess = ((64 - Long.numberOfLeadingZeros(atLeastOne)) * 1233) >>> 12;
		return guess + ((atLeastOne >= POWERS_OF_TEN[guess]) ? 1 : 0);
	}

}
