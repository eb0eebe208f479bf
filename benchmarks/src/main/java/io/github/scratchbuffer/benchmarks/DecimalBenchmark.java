package io.github.scratchbuffer.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.github.scratchbuffer.ScratchBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writing 64 numbers of every magnitude (1 to 19 digits, both signs) as decimal ASCII:
 * {@link ScratchBuffer#writeDecimal(long)} against {@code Long.toString(v).getBytes(...)}
 * plus a copy, and Agrona's {@code putLongAscii}. Run with {@code -prof gc}: ours must
 * allocate nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
// Agrona 2 reads jdk.internal.misc.Unsafe, which the JDK exports only on request; as
// jvmArgs, so that -jvmArgsAppend (a collector, a heap size) adds to it.
@Fork(value = 2, jvmArgs = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
@State(Scope.Thread)
public class DecimalBenchmark {

	static final int COUNT = 64;

	final long[] values = new long[COUNT];

	private final ExpandableArrayBuffer agronaBuffer = new ExpandableArrayBuffer(4096);

	@Setup(Level.Trial)
	public void setUp() {
		SplittableRandom random = new SplittableRandom(64);
		for (int i = 0; i < COUNT; i++) {
			// A random number of significant bits: every length from 1 to 19 digits.
			long value = random.nextLong() >> random.nextInt(64);
			this.values[i] = value;
		}
	}

	@Benchmark
	public int scratchBufferWriteDecimal(ScopedScratchBuffer scoped) {
		ScratchBuffer buffer = scoped.buffer;
		buffer.clear();
		for (long value : this.values) {
			buffer.writeDecimal(value);
		}
		return buffer.size();
	}

	@Benchmark
	public int longToStringThenWrite(ScopedScratchBuffer scoped) {
		ScratchBuffer buffer = scoped.buffer;
		buffer.clear();
		for (long value : this.values) {
			buffer.write(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
		}
		return buffer.size();
	}

	@Benchmark
	public int agronaPutLongAscii() {
		ExpandableArrayBuffer buffer = this.agronaBuffer;
		int position = 0;
		for (long value : this.values) {
			position += buffer.putLongAscii(position, value);
		}
		return position;
	}

}
