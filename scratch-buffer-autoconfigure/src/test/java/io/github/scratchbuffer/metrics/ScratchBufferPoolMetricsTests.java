package io.github.scratchbuffer.metrics;

import java.util.concurrent.TimeUnit;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferScope;
import io.github.scratchbuffer.LeakDetection;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScratchBufferPoolMetricsTests {

	private final BufferManager manager = BufferManager.builder()
		.name("metered")
		.bufferSize(100)
		.maxRetainedCapacity(200)
		.maxPoolSize(4)
		.poolingEnabled(true)
		.leakDetection(LeakDetection.OFF)
		.holdSamplingInterval(1)
		.leakListener((report) -> {
		})
		.build();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void gaugesReportThePoolsState() {
		new ScratchBufferPoolMetrics(this.manager).bindTo(this.registry);
		use(1);
		BufferScope open = this.manager.openScope();
		open.buffer();
		assertGauge("bufferpool.buffers.active", 1, BaseUnits.BUFFERS);
		assertGauge("bufferpool.buffers.idle", 0, BaseUnits.BUFFERS);
		assertGauge("bufferpool.buffers.max", 4, BaseUnits.BUFFERS);
		assertGauge("bufferpool.utilization", 0.25, null);
		open.close();
		assertGauge("bufferpool.buffers.active", 0, BaseUnits.BUFFERS);
		assertGauge("bufferpool.buffers.idle", 1, BaseUnits.BUFFERS);
		assertGauge("bufferpool.memory.retained", 100, BaseUnits.BYTES);
	}

	@Test
	void countersReportAcquisitionsReleasesAndLeaks() {
		new ScratchBufferPoolMetrics(this.manager).bindTo(this.registry);
		use(1);
		use(1);
		use(500);
		BufferScope outer = this.manager.openScope();
		this.manager.openScope().buffer();
		outer.close();
		// miss, hit, hit (then grown past the retained size: dropped), and the leaked
		// scope's miss
		assertCounter("bufferpool.acquisitions", "result", "hit", 2);
		assertCounter("bufferpool.acquisitions", "result", "miss", 2);
		assertCounter("bufferpool.releases", "result", "returned", 3);
		assertCounter("bufferpool.releases", "result", "dropped", 1);
		FunctionCounter leaks = this.registry.get("bufferpool.leaks").tag("name", "metered").functionCounter();
		assertThat(leaks.count()).isOne();
		assertThat(leaks.getId().getDescription()).isNotBlank();
	}

	@Test
	void everyMeterHasADescriptionAndTheManagersName() {
		new ScratchBufferPoolMetrics(this.manager).bindTo(this.registry);
		assertThat(this.registry.getMeters()).hasSize(11).allSatisfy((meter) -> {
			assertThat(meter.getId().getName()).startsWith("bufferpool.");
			assertThat(meter.getId().getTag("name")).isEqualTo("metered");
			assertThat(meter.getId().getDescription()).isNotBlank();
		});
	}

	@Test
	void holdTimesAreRecordedByATimerWithAHistogram() throws InterruptedException {
		new ScratchBufferPoolMetrics(this.manager).bindTo(this.registry);
		use(1);
		try (BufferScope scope = this.manager.openScope()) {
			scope.buffer();
			Thread.sleep(20);
		}
		Timer hold = this.registry.get("bufferpool.hold").tag("name", "metered").timer();
		assertThat(hold.count()).isEqualTo(2);
		assertThat(hold.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(20);
		assertThat(hold.max(TimeUnit.NANOSECONDS)).isEqualTo((double) this.manager.stats().hold().max().toNanos());
	}

	@Test
	void extraTagsAreAdded() {
		new ScratchBufferPoolMetrics(this.manager, io.micrometer.core.instrument.Tags.of("region", "eu"))
			.bindTo(this.registry);
		Meter meter = this.registry.get("bufferpool.buffers.idle").tag("region", "eu").tag("name", "metered").meter();
		assertThat(meter).isNotNull();
	}

	private void use(int bytes) {
		try (BufferScope scope = this.manager.openScope()) {
			this.manager.current().write(new byte[bytes]);
		}
	}

	private void assertGauge(String name, double value, String baseUnit) {
		Gauge gauge = this.registry.get(name).tag("name", "metered").gauge();
		assertThat(gauge.value()).isEqualTo(value);
		assertThat(gauge.getId().getBaseUnit()).isEqualTo(baseUnit);
	}

	private void assertCounter(String name, String tag, String tagValue, double value) {
		FunctionCounter counter = this.registry.get(name).tag("name", "metered").tag(tag, tagValue).functionCounter();
		assertThat(counter.count()).isEqualTo(value);
		assertThat(counter.getId().getBaseUnit()).isEqualTo(BaseUnits.BUFFERS);
	}

}
