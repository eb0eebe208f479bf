package io.github.scratchbuffer.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.github.scratchbuffer.ScratchBuffer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.agrona.ExpandableArrayBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding a 1,024-char string as UTF-8 into a byte buffer that already has room:
 * {@link ScratchBuffer#writeUtf8(CharSequence)} against {@code String.getBytes(UTF_8)}
 * plus a copy, Netty's {@code ByteBufUtil.writeUtf8} into a heap {@code ByteBuf}, and
 * Agrona's {@code putStringUtf8} into an {@code ExpandableArrayBuffer}. Each operation
 * empties its buffer and encodes the string once, for four kinds of text. Run with
 * {@code -prof gc}: ours must allocate nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
// Agrona 2 reads jdk.internal.misc.Unsafe, which the JDK exports only on request; as
// jvmArgs, so that -jvmArgsAppend (a collector, a heap size) adds to it.
@Fork(value = 2, jvmArgs = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
@State(Scope.Thread)
public class TextEncodingBenchmark {

	static final int CHARS = 1024;

	/**
	 * ASCII (English), LATIN1 (accented Western European), MIXED_BMP (Cyrillic and CJK
	 * with ASCII spaces and digits: two- and three-byte UTF-8), EMOJI (surrogate pairs).
	 */
	@Param({ "ASCII", "LATIN1", "MIXED_BMP", "EMOJI" })
	public String kind;

	String text;

	private final ByteBuf nettyBuffer = Unpooled.buffer(8 * CHARS);

	private final ExpandableArrayBuffer agronaBuffer = new ExpandableArrayBuffer(8 * CHARS);

	@Setup(Level.Trial)
	public void setUp() {
		this.text = text(this.kind, CHARS);
	}

	@Benchmark
	public int scratchBufferWriteUtf8(ScopedScratchBuffer scoped) {
		ScratchBuffer buffer = scoped.buffer;
		buffer.clear();
		return buffer.writeUtf8(this.text).size();
	}

	@Benchmark
	public int getBytesThenWrite(ScopedScratchBuffer scoped) {
		ScratchBuffer buffer = scoped.buffer;
		buffer.clear();
		return buffer.write(this.text.getBytes(StandardCharsets.UTF_8)).size();
	}

	@Benchmark
	public int nettyWriteUtf8() {
		ByteBuf buffer = this.nettyBuffer;
		buffer.clear();
		return ByteBufUtil.writeUtf8(buffer, this.text);
	}

	@Benchmark
	public int agronaPutStringUtf8() {
		return this.agronaBuffer.putStringUtf8(0, this.text);
	}

	static String text(String kind, int length) {
		SplittableRandom random = new SplittableRandom(kind.hashCode());
		StringBuilder text = new StringBuilder(length);
		String latin1 = "\u00e0\u00e9\u00e8\u00ea\u00ee\u00f4\u00fb\u00e7\u00f1\u00fc\u00df\u00e4\u00f6";
		while (text.length() < length) {
			switch (kind) {
				case "ASCII" ->
					text.append((char) ('a' + random.nextInt(26))).append(random.nextInt(8) == 0 ? " " : "");
				case "LATIN1" -> text.append((random.nextInt(5) == 0) ? latin1.charAt(random.nextInt(latin1.length()))
						: (char) ('a' + random.nextInt(26)));
				case "MIXED_BMP" -> {
					int pick = random.nextInt(10);
					if (pick < 4) {
						text.append((char) (0x0410 + random.nextInt(64)));
					}
					else if (pick < 8) {
						text.append((char) (0x4E00 + random.nextInt(0x5000)));
					}
					else {
						text.append((pick == 8) ? ' ' : (char) ('0' + random.nextInt(10)));
					}
				}
				case "EMOJI" -> text.appendCodePoint(0x1F600 + random.nextInt(80));
				default -> throw new IllegalArgumentException("Unknown text kind '" + kind + "'");
			}
		}
		text.setLength(length);
		if (Character.isHighSurrogate(text.charAt(length - 1))) {
			text.setCharAt(length - 1, 'x');
		}
		return text.toString();
	}

}
