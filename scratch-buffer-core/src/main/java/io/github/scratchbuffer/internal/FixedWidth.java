package io.github.scratchbuffer.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Fixed-width binary numbers in a byte array, in either byte order: one {@link VarHandle}
 * access each, which the JIT compiles to a single (byte-swapped where needed) store
 * instead of a loop over bytes.
 */
public final class FixedWidth {

	private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

	private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

	private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class,
			ByteOrder.LITTLE_ENDIAN);

	private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

	private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
			ByteOrder.LITTLE_ENDIAN);

	private FixedWidth() {
	}

	public static void putShort(byte[] target, int position, short value, boolean littleEndian) {
		if (littleEndian) {
			SHORT_LE.set(target, position, value);
		}
		else {
			SHORT_BE.set(target, position, value);
		}
	}

	public static void putInt(byte[] target, int position, int value, boolean littleEndian) {
		if (littleEndian) {
			INT_LE.set(target, position, value);
		}
		else {
			INT_BE.set(target, position, value);
		}
	}

	public static void putLong(byte[] target, int position, long value, boolean littleEndian) {
		if (littleEndian) {
			LONG_LE.set(target, position, value);
		}
		else {
			LONG_BE.set(target, position, value);
		}
	}

}
