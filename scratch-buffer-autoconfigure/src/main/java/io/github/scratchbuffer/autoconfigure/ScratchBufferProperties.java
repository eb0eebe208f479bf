package io.github.scratchbuffer.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.scratchbuffer.BufferManagerSettings;
import io.github.scratchbuffer.LeakDetection;
import io.github.scratchbuffer.web.servlet.ScratchBufferFilter;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties for scratch buffers.
 * <p>
 * Implements {@link Validator} so that Spring Boot checks the rules that span two
 * properties while binding, and reports a violation with the property, its value and the
 * rule.
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
@ConfigurationProperties("scratch-buffer")
public class ScratchBufferProperties implements Validator {

	/** Largest array the JVM reliably allocates. */
	static final long MAX_BUFFER_BYTES = Integer.MAX_VALUE - 8;

	/**
	 * Whether to configure scratch buffers at all.
	 */
	private boolean enabled = true;

	/**
	 * Name of the buffer manager, used as the 'name' tag of its metrics and in leak
	 * reports.
	 */
	private String name = "default";

	/**
	 * Initial capacity of each scratch buffer.
	 */
	private DataSize bufferSize = DataSize.ofKilobytes(64);

	/**
	 * Largest capacity a buffer may have and still go back to the pool.
	 */
	private DataSize maxRetainedSize = DataSize.ofMegabytes(1);

	/**
	 * Whether to zero the bytes a scope wrote before its buffer is reused.
	 */
	private boolean zeroOnRelease = true;

	/**
	 * How to find scopes that are never closed.
	 */
	private LeakDetection leakDetection = LeakDetection.SAMPLED;

	/**
	 * Measure how long one scope in this many held its buffer (the 'bufferpool.hold'
	 * timer and the endpoint's 'hold'): 1 measures every scope, 0 none.
	 */
	private int holdSamplingInterval = BufferManagerSettings.DEFAULT_HOLD_SAMPLING_INTERVAL;

	private final Pooling pooling = new Pooling();

	private final Filter filter = new Filter();

	private final RequestBody requestBody = new RequestBody();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		Assert.hasText(name, "'name' must not be empty");
		this.name = name;
	}

	public DataSize getBufferSize() {
		return this.bufferSize;
	}

	public void setBufferSize(DataSize bufferSize) {
		assertFitsInABuffer(bufferSize, "bufferSize");
		this.bufferSize = bufferSize;
	}

	public DataSize getMaxRetainedSize() {
		return this.maxRetainedSize;
	}

	public void setMaxRetainedSize(DataSize maxRetainedSize) {
		assertFitsInABuffer(maxRetainedSize, "maxRetainedSize");
		this.maxRetainedSize = maxRetainedSize;
	}

	public boolean isZeroOnRelease() {
		return this.zeroOnRelease;
	}

	public void setZeroOnRelease(boolean zeroOnRelease) {
		this.zeroOnRelease = zeroOnRelease;
	}

	public LeakDetection getLeakDetection() {
		return this.leakDetection;
	}

	public void setLeakDetection(LeakDetection leakDetection) {
		this.leakDetection = leakDetection;
	}

	public int getHoldSamplingInterval() {
		return this.holdSamplingInterval;
	}

	public void setHoldSamplingInterval(int holdSamplingInterval) {
		Assert.isTrue(holdSamplingInterval >= 0,
				() -> "'holdSamplingInterval' must not be negative, was " + holdSamplingInterval);
		this.holdSamplingInterval = holdSamplingInterval;
	}

	public Pooling getPooling() {
		return this.pooling;
	}

	public Filter getFilter() {
		return this.filter;
	}

	public RequestBody getRequestBody() {
		return this.requestBody;
	}

	/**
	 * The buffer manager settings these properties describe.
	 * @return the settings
	 */
	public BufferManagerSettings toSettings() {
		return new BufferManagerSettings(this.name, (int) this.bufferSize.toBytes(),
				(int) this.maxRetainedSize.toBytes(), this.pooling.isEnabled(), this.pooling.getMaxSize(),
				this.zeroOnRelease, this.leakDetection, this.holdSamplingInterval);
	}

	@Override
	public boolean supports(Class<?> type) {
		return ScratchBufferProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		ScratchBufferProperties properties = (ScratchBufferProperties) target;
		if (properties.getBufferSize().compareTo(properties.getMaxRetainedSize()) > 0) {
			errors.rejectValue("bufferSize", "bufferSize.tooLarge",
					"must not be larger than 'max-retained-size' (" + properties.getMaxRetainedSize() + ")");
		}
	}

	private static void assertFitsInABuffer(DataSize size, String property) {
		Assert.notNull(size, () -> "'" + property + "' must not be null");
		Assert.isTrue(size.toBytes() > 0, () -> "'" + property + "' must be greater than 0, was " + size);
		Assert.isTrue(size.toBytes() <= MAX_BUFFER_BYTES, () -> "'" + property + "' must be at most " + MAX_BUFFER_BYTES
				+ "B (the largest Java array), was " + size);
	}

	/**
	 * Properties of the shared pool.
	 */
	public static class Pooling {

		/**
		 * Whether released buffers go back to a shared pool; when off, each scope gets a
		 * buffer of its own.
		 */
		private boolean enabled;

		/**
		 * Most idle buffers the pool keeps (at most 65,536, whatever is set).
		 */
		private int maxSize = 64;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(int maxSize) {
			Assert.isTrue(maxSize >= 0, () -> "'maxSize' must not be negative, was " + maxSize);
			this.maxSize = maxSize;
		}

	}

	/**
	 * Properties of the servlet filter that gives every request a scope.
	 */
	public static class Filter {

		/**
		 * Whether to register the filter (servlet) or web filter (reactive) that opens a
		 * scope for every request.
		 */
		private boolean enabled = true;

		/**
		 * Order of the filter; early by default, so that the scope encloses the other
		 * filters.
		 */
		private int order = ScratchBufferFilter.DEFAULT_ORDER;

		/**
		 * URL patterns the servlet filter applies to; a reactive application's web filter
		 * applies to every exchange.
		 */
		private List<String> urlPatterns = new ArrayList<>(List.of("/*"));

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getOrder() {
			return this.order;
		}

		public void setOrder(int order) {
			this.order = order;
		}

		public List<String> getUrlPatterns() {
			return this.urlPatterns;
		}

		public void setUrlPatterns(List<String> urlPatterns) {
			Assert.notEmpty(urlPatterns, "'urlPatterns' must not be empty");
			for (String pattern : urlPatterns) {
				// The servlet specification's forms; the container would otherwise refuse
				// the mapping later, with a message that does not name the property.
				Assert.isTrue(pattern.startsWith("/") || pattern.startsWith("*."),
						() -> "'urlPatterns' must be servlet URL patterns starting with '/' or '*.', was '" + pattern
								+ "'");
			}
			this.urlPatterns = urlPatterns;
		}

	}

	/**
	 * Properties of request bodies read into scratch buffers
	 * ({@code @RequestBody ScratchBuffer}).
	 */
	public static class RequestBody {

		/**
		 * Largest request body read into a scratch buffer; a larger one is refused with
		 * 413.
		 */
		private DataSize maxSize = DataSize.ofMegabytes(1);

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			assertFitsInABuffer(maxSize, "maxSize");
			this.maxSize = maxSize;
		}

	}

}
