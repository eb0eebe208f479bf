package io.github.scratchbuffer;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Random sequences of operations — scopes opened, closed in and out of order, twice and
 * from another thread, detached and attached elsewhere, writes through {@code current()}
 * that grow buffers past the retained size, clears, pooling switched, the pool drained,
 * {@code wrap(...)} tasks that succeed or throw — run against a {@link BufferManager} and
 * against a small model of what the contract says. After every step the buffers'
 * identities and contents and the statistics must agree with the model; a failure shrinks
 * to a short, readable list of steps ({@link RandomSequences}).
 */
class BufferManagerModelPropertyTests {

	private static final int MAX_POOL_SIZE = 3;

	/**
	 * Runs in the default build; the extended profile sets {@code model.sequences=20000}.
	 */
	private static final int DEFAULT_SEQUENCES = 300;

	/**
	 * The default run's seed, fixed so that the build is deterministic; the extended
	 * profile passes a new one each time ({@code model.seed}).
	 */
	private static final long DEFAULT_SEED = 20261203L;

	private static final int MAX_STEPS = 40;

	private static ExecutorService otherThread;

	@BeforeAll
	static void startOtherThread() {
		otherThread = Executors.newSingleThreadExecutor();
	}

	@AfterAll
	static void stopOtherThread() {
		otherThread.shutdownNow();
	}

	@Test
	void theManagerBehavesAsTheModelSays() {
		int checked = new RandomSequences<>("model", BufferManagerModelPropertyTests::randomRun,
				BufferManagerModelPropertyTests::runAgainstTheModel)
			.check(DEFAULT_SEQUENCES, DEFAULT_SEED);
		assertThat(checked).isPositive();
	}

	static void runAgainstTheModel(Setup setup, List<Step> steps) throws Exception {
		AtomicInteger leaksReported = new AtomicInteger();
		BufferManager manager = BufferManager.builder()
			.name("model")
			.bufferSize(16)
			.maxRetainedCapacity(64)
			.maxPoolSize(MAX_POOL_SIZE)
			.poolingEnabled(setup.pooling())
			.leakDetection(LeakDetection.OFF)
			.leakListener((report) -> leaksReported.incrementAndGet())
			.build();
		Model model = new Model(manager);
		// Each run has a manager, and so a chain, of its own: a failed run's open scopes
		// cannot trouble the next.
		for (Step step : steps) {
			step.apply(model);
			model.check();
		}
		model.closeEverything();
		model.check();
		BufferInvariants.assertQuiescent(manager.stats());
		assertThat(leaksReported).hasValue(model.leaks);
	}

	/** Pooling as built; it may be switched by the steps. */
	record Setup(boolean pooling) {

		@Override
		public String toString() {
			return "pooling " + (this.pooling ? "on" : "off");
		}

	}

	/**
	 * Up to 40 steps, each kind as often as its weight says: opens and writes most,
	 * closes next, the rest rarely.
	 */
	static RandomSequences.Run<Setup, Step> randomRun(SplittableRandom random) {
		int length = random.nextInt(MAX_STEPS + 1);
		List<Step> steps = new ArrayList<>(length);
		for (int i = 0; i < length; i++) {
			steps.add(randomStep(random));
		}
		return new RandomSequences.Run<>(new Setup(random.nextBoolean()), steps);
	}

	private static Step randomStep(SplittableRandom random) {
		int roll = random.nextInt(20);
		if (roll < 5) {
			return new Open();
		}
		if (roll < 9) {
			return new Write(random.nextInt(101));
		}
		if (roll < 12) {
			return new Close(random.nextInt(8), false);
		}
		if (roll < 14) {
			return new Close(random.nextInt(8), true);
		}
		return switch (roll) {
			case 14 -> new Detach(random.nextInt(8));
			case 15 -> new AttachElsewhere(random.nextInt(8));
			case 16 -> new Clear();
			case 17 -> new SetPooling(random.nextBoolean());
			case 18 -> new Drain();
			default -> new Wrapped(random.nextInt(101), random.nextBoolean());
		};
	}

	/** One scope as the contract describes it. */
	static final class ModelScope {

		final int id;

		final BufferScope scope;

		boolean open = true;

		/** Still on the test thread's chain: neither detached nor removed by a close. */
		boolean attached = true;

		ScratchBuffer buffer;

		final ByteArrayOutputStream content = new ByteArrayOutputStream();

		ModelScope(int id, BufferScope scope) {
			this.id = id;
			this.scope = scope;
		}

		@Override
		public String toString() {
			return "scope" + this.id;
		}

	}

	/** The manager under test and what the contract says its state is. */
	static final class Model {

		final BufferManager manager;

		final List<ModelScope> scopes = new ArrayList<>();

		/** The test thread's chain, outermost first. */
		final List<ModelScope> chain = new ArrayList<>();

		ScratchBuffer unscoped;

		final ByteArrayOutputStream unscopedContent = new ByteArrayOutputStream();

		int leaks;

		int written;

		Model(BufferManager manager) {
			this.manager = manager;
		}

		/**
		 * Any scope ever opened, chosen by a generated index; {@code null} before the
		 * first.
		 */
		ModelScope pick(int index) {
			return this.scopes.isEmpty() ? null : this.scopes.get(index % this.scopes.size());
		}

		ModelScope innermost() {
			for (int i = this.chain.size() - 1; i >= 0; i--) {
				if (this.chain.get(i).open) {
					return this.chain.get(i);
				}
			}
			return null;
		}

		List<ModelScope> openScopes() {
			return this.scopes.stream().filter((scope) -> scope.open).toList();
		}

		/**
		 * Closing on the test thread closes the still-open scopes above it in the chain,
		 * as leaks.
		 */
		void closeOnThisThread(ModelScope target) {
			int position = this.chain.indexOf(target);
			if (position >= 0) {
				for (int i = this.chain.size() - 1; i > position; i--) {
					ModelScope inner = this.chain.remove(i);
					inner.attached = false;
					if (inner.open) {
						inner.open = false;
						this.leaks++;
					}
				}
				this.chain.remove(position);
				target.attached = false;
			}
			target.open = false;
		}

		void check() {
			BufferPoolStats stats = this.manager.stats();
			long holding = this.scopes.stream().filter((scope) -> scope.open && scope.buffer != null).count();
			assertThat(stats.active()).as("active: %s", stats).isEqualTo(holding);
			assertThat(stats.acquisitions()).as("acquisitions: %s", stats)
				.isEqualTo(stats.hits() + stats.misses())
				.isEqualTo(stats.active() + stats.returned() + stats.dropped());
			assertThat(stats.leaks()).as("leaks: %s", stats).isEqualTo(this.leaks);
			assertThat(stats.idle()).isLessThanOrEqualTo(MAX_POOL_SIZE);
			if (!stats.poolingEnabled()) {
				assertThat(stats.idle()).as("idle with pooling off: %s", stats).isZero();
			}
			assertThat(stats.unscoped()).isEqualTo((this.unscoped != null) ? 1 : 0);
			for (ModelScope scope : this.scopes) {
				assertThat(scope.scope.isOpen()).as("%s open", scope).isEqualTo(scope.open);
				if (scope.buffer == null) {
					continue;
				}
				if (scope.open) {
					assertThat(scope.buffer.toByteArray()).as("%s content", scope)
						.isEqualTo(scope.content.toByteArray());
					assertThat(scope.scope.buffer()).as("%s identity", scope).isSameAs(scope.buffer);
				}
				else {
					assertThatIllegalStateException().as("%s used after release", scope).isThrownBy(scope.buffer::size);
				}
			}
			ModelScope innermost = innermost();
			if (innermost != null && innermost.buffer != null) {
				assertThat(this.manager.current()).as("current() is %s's buffer", innermost).isSameAs(innermost.buffer);
			}
			else if (innermost == null && this.unscoped != null) {
				assertThat(this.manager.current()).as("current() outside scopes").isSameAs(this.unscoped);
				assertThat(this.unscoped.toByteArray()).isEqualTo(this.unscopedContent.toByteArray());
			}
			// Open scopes never share memory.
			List<ScratchBuffer> held = this.scopes.stream()
				.filter((scope) -> scope.open && scope.buffer != null)
				.map((scope) -> scope.buffer)
				.toList();
			for (int i = 0; i < held.size(); i++) {
				for (int j = i + 1; j < held.size(); j++) {
					assertThat(held.get(i)).isNotSameAs(held.get(j));
				}
			}
		}

		void closeEverything() throws Exception {
			while (innermost() != null) {
				ModelScope scope = innermost();
				scope.scope.close();
				closeOnThisThread(scope);
			}
			for (ModelScope scope : openScopes()) {
				otherThread.submit(scope.scope::close).get(10, TimeUnit.SECONDS);
				scope.open = false;
			}
		}

	}

	interface Step {

		void apply(Model model) throws Exception;

	}

	record Open() implements Step {

		@Override
		public void apply(Model model) {
			ModelScope scope = new ModelScope(model.scopes.size(), model.manager.openScope());
			model.scopes.add(scope);
			model.chain.add(scope);
		}

		@Override
		public String toString() {
			return "open";
		}

	}

	record Write(int bytes) implements Step {

		@Override
		public void apply(Model model) {
			ModelScope innermost = model.innermost();
			ScratchBuffer buffer = model.manager.current();
			byte[] data = new byte[this.bytes];
			for (int i = 0; i < data.length; i++) {
				data[i] = (byte) (++model.written | 1);
			}
			if (innermost != null) {
				if (innermost.buffer == null) {
					assertThat(buffer.size()).as("a new buffer is empty").isZero();
					innermost.buffer = buffer;
				}
				innermost.content.writeBytes(data);
			}
			else {
				if (model.unscoped == null) {
					model.unscoped = buffer;
				}
				model.unscopedContent.writeBytes(data);
			}
			buffer.write(data);
		}

		@Override
		public String toString() {
			return "write " + this.bytes;
		}

	}

	record Close(int index, boolean fromOtherThread) implements Step {

		@Override
		public void apply(Model model) throws Exception {
			ModelScope target = model.pick(this.index);
			if (target == null) {
				return;
			}
			if (this.fromOtherThread) {
				otherThread.submit(target.scope::close).get(10, TimeUnit.SECONDS);
				target.open = false;
			}
			else {
				boolean wasOpen = target.open;
				target.scope.close();
				if (wasOpen) {
					model.closeOnThisThread(target);
				}
			}
		}

		@Override
		public String toString() {
			return "close #" + this.index + (this.fromOtherThread ? " from another thread" : "");
		}

	}

	/**
	 * A task run through {@code wrap(...)} on this thread: it gets a fresh buffer of its
	 * own, nested in whatever scope is current, and gives it back when it ends, also when
	 * it throws.
	 */
	record Wrapped(int bytes, boolean fails) implements Step {

		@Override
		public void apply(Model model) throws Exception {
			ModelScope enclosing = model.innermost();
			AtomicReference<ScratchBuffer> inside = new AtomicReference<>();
			Callable<Void> task = model.manager.wrap(() -> {
				ScratchBuffer buffer = model.manager.current();
				assertThat(buffer.size()).as("a wrapped task's buffer starts empty").isZero();
				if (enclosing != null && enclosing.buffer != null) {
					assertThat(buffer).as("a wrapped task's buffer is its own").isNotSameAs(enclosing.buffer);
				}
				buffer.write(new byte[this.bytes]);
				inside.set(buffer);
				if (this.fails) {
					throw new IllegalArgumentException("task failed");
				}
				return null;
			});
			if (this.fails) {
				assertThatIllegalArgumentException().isThrownBy(task::call).withMessage("task failed");
			}
			else {
				task.call();
			}
			assertThatIllegalStateException().as("the task's buffer after the task").isThrownBy(inside.get()::size);
		}

		@Override
		public String toString() {
			return "wrap(task writing " + this.bytes + (this.fails ? " bytes, then throwing)" : " bytes)");
		}

	}

	record Detach(int index) implements Step {

		@Override
		public void apply(Model model) {
			ModelScope target = model.pick(this.index);
			if (target == null) {
				return;
			}
			target.scope.detach();
			if (target.open && target.attached) {
				boolean open = target.open;
				model.closeOnThisThread(target);
				target.open = open;
			}
		}

		@Override
		public String toString() {
			return "detach #" + this.index;
		}

	}

	/**
	 * Attaches a scope on another thread, uses its buffer there (when it has one), opens
	 * and forgets a scope there, and ends the attachment: the forgotten one is a leak,
	 * the attached one stays as it was.
	 */
	record AttachElsewhere(int index) implements Step {

		@Override
		public void apply(Model model) throws Exception {
			ModelScope target = model.pick(this.index);
			if (target == null || !target.open) {
				return;
			}
			otherThread.submit(() -> {
				try (ScopeAttachment attachment = model.manager.attach(target.scope)) {
					if (target.buffer != null) {
						assertThat(model.manager.current()).isSameAs(target.buffer);
					}
					model.manager.openScope().buffer();
				}
				return null;
			}).get(10, TimeUnit.SECONDS);
			model.leaks++;
		}

		@Override
		public String toString() {
			return "attach #" + this.index + " elsewhere";
		}

	}

	record Clear() implements Step {

		@Override
		public void apply(Model model) {
			model.manager.clear();
			ModelScope innermost = model.innermost();
			if (innermost != null) {
				innermost.content.reset();
			}
			else if (model.unscoped != null) {
				model.unscopedContent.reset();
			}
		}

		@Override
		public String toString() {
			return "clear";
		}

	}

	record SetPooling(boolean enabled) implements Step {

		@Override
		public void apply(Model model) {
			model.manager.setPoolingEnabled(this.enabled);
		}

		@Override
		public String toString() {
			return "pooling " + (this.enabled ? "on" : "off");
		}

	}

	record Drain() implements Step {

		@Override
		public void apply(Model model) {
			model.manager.drain();
			assertThat(model.manager.stats().idle()).isZero();
		}

		@Override
		public String toString() {
			return "drain";
		}

	}

}
