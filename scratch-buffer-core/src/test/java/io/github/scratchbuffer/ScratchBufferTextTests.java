package io.github.scratchbuffer;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Text encoders, checked byte for byte against the JDK's {@code String.getBytes} on fixed
 * edge cases and on random strings of every kind of char.
 */
class ScratchBufferTextTests {

	private static final long SEED = 0x5EED_7E47L;

	private final BufferManager manager = BufferManager.builder().bufferSize(16).maxRetainedCapacity(64).build();

	private final BufferScope scope = this.manager.openScope();

	private final ScratchBuffer buffer = this.scope.buffer();

	@AfterEach
	void closeScope() {
		this.scope.close();
	}

	static Stream<String> edgeCases() {
		return Stream.of("", "a", "hello, world", "caf\u00e9", "\u00ff\u0100", "\u07ff\u0800", "\uffff",
				"\u041f\u0440\u0438\u0432\u0435\u0442", "\u4f60\u597d\u4e16\u754c", "\ud83d\ude00", "a\ud83d\ude00b",
				"\ud800", "\udc00", "\udc00\ud800", "x\ud800y", "\ud800\ud800\udc00", "\ud83d", "end\ud83d",
				"\u0000\u007f\u0080", "\ud7ff\ue000\ufffd\ufeff");
	}

	@ParameterizedTest
	@MethodSource("edgeCases")
	void writeUtf8IsWhatStringGetBytesGives(String text) {
		assertThat(this.buffer.writeUtf8(text).toByteArray()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
		assertThat(ScratchBuffer.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
	}

	@ParameterizedTest
	@MethodSource("edgeCases")
	void writeAsciiIsWhatStringGetBytesGives(String text) {
		assertThat(this.buffer.writeAscii(text).toByteArray()).isEqualTo(text.getBytes(StandardCharsets.US_ASCII));
	}

	@ParameterizedTest
	@MethodSource("edgeCases")
	void writeLatin1IsWhatStringGetBytesGives(String text) {
		assertThat(this.buffer.writeLatin1(text).toByteArray()).isEqualTo(text.getBytes(StandardCharsets.ISO_8859_1));
	}

	@Test
	void randomStringsOfEveryKindOfCharEncodeAsTheJdkDoes() {
		SplittableRandom random = new SplittableRandom(SEED);
		List<Charset> charsets = List.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII, StandardCharsets.ISO_8859_1,
				StandardCharsets.UTF_16, StandardCharsets.UTF_16LE, Charset.forName("windows-1252"),
				Charset.forName("Shift_JIS"), Charset.forName("GB18030"));
		for (int i = 0; i < 2_000; i++) {
			String text = randomText(random, random.nextInt(200));
			String context = "seed " + SEED + ", string " + i + ": " + escape(text);
			this.buffer.clear();
			assertThat(this.buffer.writeUtf8(text).toByteArray()).as(context)
				.isEqualTo(text.getBytes(StandardCharsets.UTF_8));
			assertThat(ScratchBuffer.utf8Length(text)).as(context).isEqualTo(this.buffer.size());
			this.buffer.clear();
			assertThat(this.buffer.writeAscii(text).toByteArray()).as(context)
				.isEqualTo(text.getBytes(StandardCharsets.US_ASCII));
			this.buffer.clear();
			assertThat(this.buffer.writeLatin1(text).toByteArray()).as(context)
				.isEqualTo(text.getBytes(StandardCharsets.ISO_8859_1));
			Charset charset = charsets.get(i % charsets.size());
			this.buffer.clear();
			assertThat(this.buffer.write(text, charset).toByteArray()).as(context + " in " + charset)
				.isEqualTo(text.getBytes(charset));
			int start = (text.isEmpty()) ? 0 : random.nextInt(text.length());
			int end = start + random.nextInt(text.length() - start + 1);
			this.buffer.clear();
			assertThat(this.buffer.writeUtf8(text, start, end).toByteArray())
				.as(context + " [" + start + ", " + end + ")")
				.isEqualTo(text.substring(start, end).getBytes(StandardCharsets.UTF_8));
		}
	}

	@Test
	void aLargeMixedTextGrowsTheBufferOnceToWhatItNeeds() {
		String text = randomText(new SplittableRandom(SEED), 1_000_000);
		byte[] expected = text.getBytes(StandardCharsets.UTF_8);
		this.buffer.write('>');
		this.buffer.writeUtf8(text);
		assertThat(this.buffer.size()).isEqualTo(1 + expected.length);
		assertThat(this.buffer.toString(StandardCharsets.UTF_8))
			.isEqualTo(">" + new String(expected, StandardCharsets.UTF_8));
	}

	@Test
	void anyCharSequenceEncodes() {
		StringBuilder builder = new StringBuilder("Gr\u00fc\u00dfe ").append("\ud83c\udf0d");
		assertThat(this.buffer.writeUtf8(builder).toString(StandardCharsets.UTF_8)).isEqualTo(builder.toString());
	}

	@Test
	void writesChainAndAppendInOrder() {
		ScratchBuffer returned = this.buffer.writeUtf8("id=")
			.writeDecimal(42)
			.write(',')
			.writeAscii("hex=")
			.writeHex(255)
			.write(' ')
			.write("\u00e9", StandardCharsets.ISO_8859_1);
		assertThat(returned).isSameAs(this.buffer);
		assertThat(this.buffer.toString(StandardCharsets.ISO_8859_1)).isEqualTo("id=42,hex=ff \u00e9");
	}

	@Test
	void writeInAnotherCharsetGrowsThroughOverflows() {
		String text = "\u4f60\u597d".repeat(1000);
		this.buffer.write(text, StandardCharsets.UTF_16BE);
		assertThat(this.buffer.toByteArray()).isEqualTo(text.getBytes(StandardCharsets.UTF_16BE));
	}

	@Test
	void toStringDecodesTheContentOnly() {
		this.buffer.writeUtf8("\u00e9t\u00e9").ensureCapacity(100);
		assertThat(this.buffer.toString(StandardCharsets.UTF_8)).isEqualTo("\u00e9t\u00e9");
		assertThat(this.buffer.toString(StandardCharsets.ISO_8859_1)).hasSize(5);
	}

	@Test
	void writeUtf8RejectsARangeOutsideTheText() {
		assertThatThrownBy(() -> this.buffer.writeUtf8("abc", 2, 4)).isInstanceOf(IndexOutOfBoundsException.class)
			.hasMessageContaining("4");
		assertThatThrownBy(() -> this.buffer.writeUtf8("abc", 2, 1)).isInstanceOf(IndexOutOfBoundsException.class);
		assertThat(this.buffer.size()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "writeUtf8", "writeAscii", "writeLatin1", "write", "utf8Length" })
	void textMethodsRejectNullWithTheParameterName(String method) {
		assertThatNullPointerException().isThrownBy(() -> {
			switch (method) {
				case "writeUtf8" -> this.buffer.writeUtf8(null);
				case "writeAscii" -> this.buffer.writeAscii(null);
				case "writeLatin1" -> this.buffer.writeLatin1(null);
				case "write" -> this.buffer.write(null, StandardCharsets.UTF_8);
				default -> ScratchBuffer.utf8Length(null);
			}
		}).withMessage("'chars' must not be null");
	}

	@Test
	void writeRejectsANullCharset() {
		assertThatNullPointerException().isThrownBy(() -> this.buffer.write("a", (Charset) null))
			.withMessage("'charset' must not be null");
	}

	@Test
	void utf8LengthOfTextLongerThanAnyArrayIsRefused() {
		CharSequence huge = new RepeatedChar('\u4f60', Integer.MAX_VALUE / 2);
		assertThatIllegalArgumentException().isThrownBy(() -> ScratchBuffer.utf8Length(huge))
			.withMessageContaining("more than the largest Java array");
	}

	/**
	 * Text drawn from every class of char: ASCII, Latin-1, two- and three-byte BMP
	 * (Cyrillic, CJK, the edges of the surrogate range), valid surrogate pairs, and
	 * unpaired high and low surrogates.
	 */
	static String randomText(SplittableRandom random, int length) {
		StringBuilder text = new StringBuilder(length + 1);
		while (text.length() < length) {
			switch (random.nextInt(8)) {
				case 0, 1 -> text.append((char) random.nextInt(0x80));
				case 2 -> text.append((char) (0x80 + random.nextInt(0x80)));
				case 3 -> text.append((char) (0x100 + random.nextInt(0x700)));
				case 4 -> text.append((char) (0x800 + random.nextInt(0xD800 - 0x800)));
				case 5 -> text.append((char) (0xE000 + random.nextInt(0x10000 - 0xE000)));
				case 6 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
				default -> text.append((char) (0xD800 + random.nextInt(0x800)));
			}
		}
		return text.toString();
	}

	private static String escape(String text) {
		StringBuilder escaped = new StringBuilder();
		text.chars()
			.forEach((c) -> escaped
				.append((c < 0x80 && c >= 0x20) ? String.valueOf((char) c) : String.format("\\u%04x", c)));
		return escaped.toString();
	}

	/** A very long text that takes no memory. */
	private record RepeatedChar(char c, int length) implements CharSequence {

		@Override
		public char charAt(int index) {
			return this.c;
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			return new RepeatedChar(this.c, end - start);
		}

		@Override
		public String toString() {
			return "RepeatedChar[" + this.length + "]";
		}

	}

}
