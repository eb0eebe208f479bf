package io.github.scratchbuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Numbers as text and as fixed-width binary, checked against {@code Long.toString},
 * {@code Long.toHexString} and {@link ByteBuffer} in both byte orders.
 */
class ScratchBufferNumberTests {

	private final BufferManager manager = BufferManager.builder().bufferSize(8).maxRetainedCapacity(64).build();

	private final BufferScope scope = this.manager.openScope();

	private final ScratchBuffer buffer = this.scope.buffer();

	@AfterEach
	void closeScope() {
		this.scope.close();
	}

	/** Every power of ten and its neighbours, both signs, and the extremes. */
	static List<Long> boundaryValues() {
		List<Long> values = new ArrayList<>(List.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
				(long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE, 0xFFFF_FFFFL));
		long power = 1;
		for (int i = 0; i <= 18; i++) {
			for (long value : new long[] { power - 1, power, power + 1 }) {
				values.add(value);
				values.add(-value);
			}
			power *= 10;
		}
		for (int shift = 0; shift < 64; shift++) {
			values.add(1L << shift);
			values.add((1L << shift) - 1);
		}
		return values;
	}

	@Test
	void writeDecimalSpellsEveryBoundaryValueAsLongToString() {
		for (long value : boundaryValues()) {
			this.buffer.clear();
			assertThat(this.buffer.writeDecimal(value).toString(StandardCharsets.US_ASCII)).as("%d", value)
				.isEqualTo(Long.toString(value));
		}
	}

	@Test
	void writeDecimalSpellsRandomValuesAsLongToString() {
		SplittableRandom random = new SplittableRandom(42);
		for (int i = 0; i < 100_000; i++) {
			// A random number of significant bits, so that every length is well covered.
			long value = random.nextLong() >> random.nextInt(64);
			this.buffer.clear();
			assertThat(this.buffer.writeDecimal(value).toString(StandardCharsets.US_ASCII)).as("%d", value)
				.isEqualTo(Long.toString(value));
		}
	}

	@Test
	void anIntWidensToTheSameDigits() {
		int value = Integer.MIN_VALUE;
		assertThat(this.buffer.writeDecimal(value).toString(StandardCharsets.US_ASCII)).isEqualTo("-2147483648");
	}

	@Test
	void writeHexSpellsValuesAsUnsignedLowerCaseWithoutLeadingZeros() {
		SplittableRandom random = new SplittableRandom(7);
		List<Long> values = boundaryValues();
		for (int i = 0; i < 10_000; i++) {
			values.add(random.nextLong() >>> random.nextInt(64));
		}
		for (long value : values) {
			this.buffer.clear();
			assertThat(this.buffer.writeHex(value).toString(StandardCharsets.US_ASCII)).as("%x", value)
				.isEqualTo(Long.toHexString(value));
		}
	}

	@Test
	void fixedWidthNumbersAreWhatByteBufferWritesInEitherOrder() {
		SplittableRandom random = new SplittableRandom(3);
		for (int i = 0; i < 1_000; i++) {
			long value = (i < 4) ? new long[] { 0, -1, Long.MIN_VALUE, Long.MAX_VALUE }[i] : random.nextLong();
			for (ByteOrder order : new ByteOrder[] { ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN }) {
				ByteBuffer expected = ByteBuffer.allocate(15).order(order);
				expected.put((byte) 0x7E).putShort((short) value).putInt((int) value).putLong(value);
				this.buffer.clear();
				this.buffer.write(0x7E);
				if (order == ByteOrder.BIG_ENDIAN) {
					this.buffer.writeShort((int) value).writeInt((int) value).writeLong(value);
				}
				else {
					this.buffer.writeShortLe((int) value).writeIntLe((int) value).writeLongLe(value);
				}
				assertThat(this.buffer.toByteArray()).as("%s %x", order, value).isEqualTo(expected.array());
			}
		}
	}

	@Test
	void writeShortTakesTheLowSixteenBits() {
		this.buffer.writeShort(0x12345).writeShortLe(0xABCDE);
		assertThat(this.buffer.toByteArray()).containsExactly(0x23, 0x45, 0xDE, 0xBC);
	}

	@Test
	void numbersGrowTheBufferAtAnyOffset() {
		// An 8-byte buffer: at every offset some of these straddle the capacity.
		StringBuilder expected = new StringBuilder();
		for (int i = 0; i < 50; i++) {
			this.buffer.writeDecimal(Long.MIN_VALUE + i).writeHex(-1L - i);
			expected.append(Long.MIN_VALUE + i).append(Long.toHexString(-1L - i));
		}
		assertThat(this.buffer.toString(StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
		ByteBuffer binary = ByteBuffer.allocate(50 * 14);
		this.buffer.clear();
		for (int i = 0; i < 50; i++) {
			this.buffer.writeLong(i).writeInt(i).writeShort(i);
			binary.putLong(i).putInt(i).putShort((short) i);
		}
		assertThat(this.buffer.toByteArray()).isEqualTo(binary.array());
	}

}
