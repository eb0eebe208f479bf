package io.github.scratchbuffer.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferPoolStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MeterBinder} for a {@link BufferManager}'s pool. Every meter but one reads the
 * counters the manager keeps anyway, so metrics add nothing to the buffers' hot path;
 * meters hold the manager weakly, as Micrometer's do. The exception is the
 * {@code bufferpool.hold} timer (how long scopes held their buffer, like HikariCP's
 * {@code hikaricp.connections.usage}): the manager tells it each sampled scope's hold
 * time as the scope closes, one scope in
 * {@link io.github.scratchbuffer.BufferManagerSettings#holdSamplingInterval()}.
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
public class ScratchBufferPoolMetrics implements MeterBinder {

	private static final Duration MIN_EXPECTED_HOLD = Duration.ofNanos(10_000);

	private static final Duration MAX_EXPECTED_HOLD = Duration.ofSeconds(30);

	private final BufferManager bufferManager;

	private final Tags tags;

	public ScratchBufferPoolMetrics(BufferManager bufferManager) {
		this(bufferManager, Tags.empty());
	}

	public ScratchBufferPoolMetrics(BufferManager bufferManager, Iterable<Tag> tags) {
		this.bufferManager = bufferManager;
		this.tags = Tags.concat(tags, "name", bufferManager.name());
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		gauge(registry, "bufferpool.buffers.active", "Buffers held by open scopes", BaseUnits.BUFFERS,
				BufferPoolStats::active);
		gauge(registry, "bufferpool.buffers.idle", "Buffers waiting in the pool", BaseUnits.BUFFERS,
				BufferPoolStats::idle);
		gauge(registry, "bufferpool.buffers.max", "Most idle buffers the pool keeps", BaseUnits.BUFFERS,
				BufferPoolStats::maxPoolSize);
		gauge(registry, "bufferpool.memory.retained", "Bytes held by idle pooled buffers", BaseUnits.BYTES,
				BufferPoolStats::retainedBytes);
		gauge(registry, "bufferpool.utilization", "Active buffers as a fraction of the pool's maximum size", null,
				BufferPoolStats::utilization);
		counter(registry, "bufferpool.acquisitions", "Buffers handed to scopes", "result", "hit",
				BufferPoolStats::hits);
		counter(registry, "bufferpool.acquisitions", "Buffers handed to scopes", "result", "miss",
				BufferPoolStats::misses);
		counter(registry, "bufferpool.releases", "Buffers released by closing scopes", "result", "returned",
				BufferPoolStats::returned);
		counter(registry, "bufferpool.releases", "Buffers released by closing scopes", "result", "dropped",
				BufferPoolStats::dropped);
		FunctionCounter.builder("bufferpool.leaks", this.bufferManager, stat(BufferPoolStats::leaks))
			.description("Scopes that ended without being closed")
			.tags(this.tags)
			.register(registry);
		Timer hold = Timer.builder("bufferpool.hold")
			.description("How long sampled scopes held their buffer, from acquisition to release")
			.tags(this.tags)
			// Buckets for Prometheus' histogram_quantile, from a fast request's hold to a
			// slow async one's; a MeterFilter (management.metrics.distribution.*) can
			// change them.
			.publishPercentileHistogram()
			.minimumExpectedValue(MIN_EXPECTED_HOLD)
			.maximumExpectedValue(MAX_EXPECTED_HOLD)
			.register(registry);
		this.bufferManager.addHoldTimeListener((nanos) -> hold.record(nanos, TimeUnit.NANOSECONDS));
	}

	private void gauge(MeterRegistry registry, String name, String description, @Nullable String baseUnit,
			ToDoubleFunction<BufferPoolStats> value) {
		Gauge.builder(name, this.bufferManager, stat(value))
			.description(description)
			.baseUnit(baseUnit)
			.tags(this.tags)
			.register(registry);
	}

	private void counter(MeterRegistry registry, String name, String description, String tagKey, String tagValue,
			ToDoubleFunction<BufferPoolStats> value) {
		FunctionCounter.builder(name, this.bufferManager, stat(value))
			.description(description)
			.baseUnit(BaseUnits.BUFFERS)
			.tags(this.tags)
			.tag(tagKey, tagValue)
			.register(registry);
	}

	private static ToDoubleFunction<BufferManager> stat(ToDoubleFunction<BufferPoolStats> value) {
		return (manager) -> value.applyAsDouble(manager.stats());
	}

}
