package io.github.scratchbuffer.actuate.endpoint;

import java.time.Duration;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferPoolStats;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.util.Assert;

/**
 * {@link Endpoint @Endpoint} that shows a {@link BufferManager}'s pool and lets an
 * operator switch pooling and drain idle buffers.
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
@Endpoint(id = "bufferpool")
public class BufferPoolEndpoint {

	private final BufferManager bufferManager;

	public BufferPoolEndpoint(BufferManager bufferManager) {
		Assert.notNull(bufferManager, "'bufferManager' must not be null");
		this.bufferManager = bufferManager;
	}

	@ReadOperation
	public BufferPoolDescriptor bufferPool() {
		return BufferPoolDescriptor.of(this.bufferManager.stats());
	}

	/**
	 * Switches pooling on or off.
	 * @param poolingEnabled whether to pool
	 * @return the statistics afterwards
	 */
	public BufferPoolDescriptor setPoolingEnabled(boolean poolingEnabled) {
		this.bufferManager.setPoolingEnabled(poolingEnabled);
		return bufferPool();
	}

	/**
	 * {@code POST {"poolingEnabled": true|false}}: switches pooling on or off. Only
	 * {@code true} or {@code false} is accepted: this changes a production pool, so
	 * {@code 0}, {@code "no"} or {@code 1.0}, which a lenient conversion would read as a
	 * boolean, are refused (400) rather than guessed at. (Actuator hands JSON scalars
	 * over as text, so {@code "false"} and {@code false} cannot be told apart.)
	 * @param poolingEnabled the body's {@code poolingEnabled} field
	 * @return the statistics afterwards
	 */
	@WriteOperation
	public BufferPoolDescriptor switchPooling(String poolingEnabled) {
		if (!"true".equals(poolingEnabled) && !"false".equals(poolingEnabled)) {
			String shown = (poolingEnabled.length() > 40) ? poolingEnabled.substring(0, 40) + "..." : poolingEnabled;
			throw new InvalidEndpointRequestException("'poolingEnabled' must be true or false, was '" + shown + "'",
					"'poolingEnabled' must be true or false");
		}
		return setPoolingEnabled(Boolean.parseBoolean(poolingEnabled));
	}

	/**
	 * Drops the idle buffers.
	 * @return the statistics afterwards
	 */
	@DeleteOperation
	public BufferPoolDescriptor drain() {
		this.bufferManager.drain();
		return bufferPool();
	}

	/**
	 * The pool's statistics, as the endpoint returns them.
	 *
	 * @param name the manager's name
	 * @param poolingEnabled whether released buffers go back to the pool
	 * @param bufferSize initial capacity of each buffer, in bytes
	 * @param maxRetainedSize largest buffer the pool keeps, in bytes
	 * @param maxPoolSize most idle buffers the pool keeps
	 * @param idle buffers waiting in the pool
	 * @param active buffers held by open scopes
	 * @param peakActive most buffers held at once
	 * @param acquisitions buffers handed to scopes
	 * @param hits acquisitions served from the pool
	 * @param misses acquisitions that allocated a buffer
	 * @param returned released buffers that went back to the pool
	 * @param dropped released buffers left to the garbage collector
	 * @param drained idle buffers removed by draining
	 * @param leaks scopes that ended without being closed
	 * @param unscoped thread-bound buffers of code running outside any scope
	 * @param retainedBytes bytes held by idle buffers
	 * @param utilization active buffers as a fraction of the pool's maximum size
	 * @param hitRatio fraction of acquisitions served from the pool
	 * @param usage bytes used per scope
	 * @param hold how long sampled scopes held their buffer
	 */
	public record BufferPoolDescriptor(String name, boolean poolingEnabled, int bufferSize, int maxRetainedSize,
			int maxPoolSize, int idle, long active, long peakActive, long acquisitions, long hits, long misses,
			long returned, long dropped, long drained, long leaks, long unscoped, long retainedBytes,
			double utilization, double hitRatio, UsageDescriptor usage,
			HoldDescriptor hold) implements OperationResponseBody {

		static BufferPoolDescriptor of(BufferPoolStats stats) {
			BufferPoolStats.Usage usage = stats.usage();
			return new BufferPoolDescriptor(stats.name(), stats.poolingEnabled(), stats.bufferSize(),
					stats.maxRetainedCapacity(), stats.maxPoolSize(), stats.idle(), stats.active(), stats.peakActive(),
					stats.acquisitions(), stats.hits(), stats.misses(), stats.returned(), stats.dropped(),
					stats.drained(), stats.leaks(), stats.unscoped(), stats.retainedBytes(), stats.utilization(),
					stats.hitRatio(),
					new UsageDescriptor(usage.samples(), usage.p50(), usage.p99(), usage.max(),
							usage.recommendedBufferSize(), usage.grown(), usage.droppedTooLarge(),
							usage.recommendation()),
					HoldDescriptor.of(stats.hold()));
		}

	}

	/**
	 * Bytes used per scope.
	 *
	 * @param samples scopes measured
	 * @param p50 median bytes used, rounded up by less than 12.5%
	 * @param p99 99th percentile of bytes used, rounded up by less than 12.5%
	 * @param max most bytes any scope used
	 * @param recommendedBufferSize smallest power of two covering {@code p99}
	 * @param grown scopes whose buffer grew past the configured buffer size
	 * @param droppedTooLarge buffers dropped for having grown past the maximum retained
	 * size
	 * @param recommendation what to change, if anything, and why, in one sentence
	 */
	public record UsageDescriptor(long samples, long p50, long p99, long max, long recommendedBufferSize, long grown,
			long droppedTooLarge, String recommendation) {
	}

	/**
	 * How long sampled scopes held their buffer, from acquisition to release, in seconds
	 * (Micrometer's base unit, as in {@code bufferpool_hold_seconds}).
	 *
	 * @param samples scopes measured
	 * @param p50 median hold time, rounded up by less than 12.5%
	 * @param p99 99th percentile of hold times, rounded up by less than 12.5%
	 * @param max longest hold measured
	 */
	public record HoldDescriptor(long samples, double p50, double p99, double max) {

		static HoldDescriptor of(BufferPoolStats.Hold hold) {
			return new HoldDescriptor(hold.samples(), seconds(hold.p50()), seconds(hold.p99()), seconds(hold.max()));
		}

		private static double seconds(Duration duration) {
			return duration.toNanos() / 1e9;
		}

	}

}
