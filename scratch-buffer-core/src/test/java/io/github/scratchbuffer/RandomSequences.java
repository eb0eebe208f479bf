package io.github.scratchbuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A small property-testing runner for sequences of steps, on plain JUnit 5: each run is
 * generated from its own seed, checked, and on failure shrunk to a short sequence that
 * still fails, which the thrown error lists one step per line with the seed that replays
 * it.
 * <p>
 * Shrinking keeps the setup and removes steps: first everything after the shortest
 * failing prefix, then chunks of halving size, down to single steps, until no step can go
 * without the failure going too (a 1-minimal sequence, as delta debugging finds). Any
 * failure counts, as in jqwik and QuickTheories: a shrunk sequence may fail on an earlier
 * check than the original, and the original failure is attached as the cause.
 * <p>
 * Run {@code i} of a check with seed {@code s} is generated from {@code s + i}, so
 * {@code -D<prefix>.seed=<s + i> -D<prefix>.sequences=1} replays one failing run alone;
 * {@code -D<prefix>.seed=random} draws a new seed.
 *
 * @param <C> what a run sets up before its steps
 * @param <S> the steps
 */
final class RandomSequences<C, S> {

	private final String prefix;

	private final Function<SplittableRandom, Run<C, S>> generator;

	private final Property<C, S> property;

	private int shrinkAttempts;

	/**
	 * @param prefix the system properties' prefix: {@code <prefix>.seed} and
	 * {@code <prefix>.sequences}
	 * @param generator makes one run from a random source
	 * @param property checks one run, throwing if it fails
	 */
	RandomSequences(String prefix, Function<SplittableRandom, Run<C, S>> generator, Property<C, S> property) {
		this.prefix = prefix;
		this.generator = generator;
		this.property = property;
	}

	/**
	 * Checks {@code <prefix>.sequences} runs (or {@code defaultSequences}) from seed
	 * {@code <prefix>.seed} (or {@code defaultSeed}).
	 * @return how many runs were checked
	 */
	int check(int defaultSequences, long defaultSeed) {
		int sequences = Integer.getInteger(this.prefix + ".sequences", defaultSequences);
		String seedProperty = System.getProperty(this.prefix + ".seed");
		long seed = (seedProperty == null) ? defaultSeed
				: "random".equals(seedProperty) ? System.nanoTime() : Long.parseLong(seedProperty);
		for (int i = 0; i < sequences; i++) {
			long runSeed = seed + i;
			Run<C, S> run = this.generator.apply(new SplittableRandom(runSeed));
			Throwable failure = failureOf(run);
			if (failure != null) {
				Run<C, S> minimal = shrink(run);
				throw new AssertionError("Run " + (i + 1) + " of " + sequences + " failed (seed " + seed
						+ "); shrunk from " + run.steps().size() + " to " + minimal.steps().size() + " steps in "
						+ this.shrinkAttempts + " attempts. Replay it alone with -D" + this.prefix + ".seed=" + runSeed
						+ " -D" + this.prefix + ".sequences=1\n" + minimal + "\nwhich fails with: "
						+ failureOf(minimal), failure);
			}
		}
		return sequences;
	}

	Run<C, S> shrink(Run<C, S> failing) {
		this.shrinkAttempts = 0;
		List<S> steps = shortestFailingPrefix(failing);
		for (int chunk = Math.max(1, steps.size() / 2); chunk >= 1; chunk /= 2) {
			boolean removedAny;
			do {
				removedAny = false;
				for (int from = 0; from + chunk <= steps.size();) {
					List<S> candidate = new ArrayList<>(steps.subList(0, from));
					candidate.addAll(steps.subList(from + chunk, steps.size()));
					if (failureOf(new Run<>(failing.setup(), candidate)) != null) {
						steps = candidate;
						removedAny = true;
					}
					else {
						from += chunk;
					}
				}
			}
			while (removedAny && chunk == 1);
		}
		return new Run<>(failing.setup(), steps);
	}

	private List<S> shortestFailingPrefix(Run<C, S> failing) {
		List<S> steps = failing.steps();
		for (int length = 0; length < steps.size(); length++) {
			List<S> prefix = List.copyOf(steps.subList(0, length));
			if (failureOf(new Run<>(failing.setup(), prefix)) != null) {
				return prefix;
			}
		}
		return steps;
	}

	private Throwable failureOf(Run<C, S> run) {
		this.shrinkAttempts++;
		try {
			this.property.check(run.setup(), run.steps());
			return null;
		}
		catch (Exception | AssertionError ex) {
			return ex;
		}
	}

	/**
	 * One generated run: its setup and its steps, shown one step per line.
	 */
	record Run<C, S>(C setup, List<S> steps) {

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder("  setup: ").append(this.setup);
			for (int i = 0; i < this.steps.size(); i++) {
				text.append("\n  ").append(i + 1).append(". ").append(this.steps.get(i));
			}
			return text.toString();
		}

	}

	@FunctionalInterface
	interface Property<C, S> {

		void check(C setup, List<S> steps) throws Exception;

	}

}
