package io.github.scratchbuffer.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.LeakDetection;
import io.github.scratchbuffer.ScratchBuffer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What timing how long scopes hold their buffers costs the pooled scope cycle, before and
 * after, in one run: sampling off (the cycle as it was before hold times existed, but for
 * one branch), the default sampling (one scope in 64) without and with the
 * {@code bufferpool.hold} timer of a Prometheus registry listening, and every scope timed
 * with the timer (what a sampled scope pays, undivided).
 * <p>
 * Pooled, zero-on-release off and leak detection off, so that nothing else the cycle does
 * varies; 1 KiB written into a 64 KiB buffer.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class HoldTimeBenchmark {

	@Benchmark
	public ScratchBuffer holdTimingOff(Payload payload, Off state) {
		return ScopeCycleBenchmark.cycle(state.manager, payload);
	}

	@Benchmark
	public ScratchBuffer sampledOneIn64(Payload payload, Sampled state) {
		return ScopeCycleBenchmark.cycle(state.manager, payload);
	}

	@Benchmark
	public ScratchBuffer sampledOneIn64WithTimer(Payload payload, SampledWithTimer state) {
		return ScopeCycleBenchmark.cycle(state.manager, payload);
	}

	@Benchmark
	public ScratchBuffer everyScopeWithTimer(Payload payload, EveryScopeWithTimer state) {
		return ScopeCycleBenchmark.cycle(state.manager, payload);
	}

	/**
	 * One manager per configuration, as in {@link ScopeCycleBenchmark}; the subclasses
	 * only name theirs.
	 */
	public abstract static class HoldTimingState {

		private final int samplingInterval;

		private final boolean withTimer;

		BufferManager manager;

		HoldTimingState(int samplingInterval, boolean withTimer) {
			this.samplingInterval = samplingInterval;
			this.withTimer = withTimer;
		}

		@Setup
		public void setUp() {
			this.manager = BufferManager.builder()
				.bufferSize(Payload.BUFFER_SIZE)
				.poolingEnabled(true)
				.zeroOnRelease(false)
				.leakDetection(LeakDetection.OFF)
				.holdSamplingInterval(this.samplingInterval)
				.build();
			if (this.withTimer) {
				// The timer as ScratchBufferPoolMetrics registers it.
				Timer hold = Timer.builder("bufferpool.hold")
					.tag("name", "default")
					.publishPercentileHistogram()
					.minimumExpectedValue(Duration.ofNanos(10_000))
					.maximumExpectedValue(Duration.ofSeconds(30))
					.register(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
				this.manager.addHoldTimeListener((nanos) -> hold.record(nanos, TimeUnit.NANOSECONDS));
			}
		}

	}

	@State(Scope.Benchmark)
	public static class Off extends HoldTimingState {

		public Off() {
			super(0, false);
		}

	}

	@State(Scope.Benchmark)
	public static class Sampled extends HoldTimingState {

		public Sampled() {
			super(64, false);
		}

	}

	@State(Scope.Benchmark)
	public static class SampledWithTimer extends HoldTimingState {

		public SampledWithTimer() {
			super(64, true);
		}

	}

	@State(Scope.Benchmark)
	public static class EveryScopeWithTimer extends HoldTimingState {

		public EveryScopeWithTimer() {
			super(1, true);
		}

	}

}
