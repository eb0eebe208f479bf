package io.github.scratchbuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The runner behind the model-based property test: it must find a planted failure, shrink
 * it to the steps that matter and say how to replay it.
 */
class RandomSequencesTests {

	/** 30 random letters from a to e; the setup is a label. */
	private static RandomSequences.Run<String, Character> letters(SplittableRandom random) {
		List<Character> steps = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			steps.add((char) ('a' + random.nextInt(5)));
		}
		return new RandomSequences.Run<>("letters", steps);
	}

	/** Fails once a 'b' has been seen after an 'a' and before a 'c'. */
	private static void noBAfterAUnlessC(String setup, List<Character> steps) {
		boolean armed = false;
		for (char step : steps) {
			if (step == 'a') {
				armed = true;
			}
			else if (step == 'c') {
				armed = false;
			}
			else if (step == 'b' && armed) {
				throw new AssertionError("b after a");
			}
		}
	}

	@Test
	void aFailureIsShrunkToTheStepsThatCauseItAndNamesTheSeedThatReplaysIt() {
		RandomSequences<String, Character> sequences = new RandomSequences<>("test-sequences",
				RandomSequencesTests::letters, RandomSequencesTests::noBAfterAUnlessC);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> sequences.check(100, 42))
			.withMessageContaining("failed (seed 42)")
			.withMessageContaining("-Dtest-sequences.seed=42")
			.withMessageContaining("shrunk from 30 to 2 steps")
			.withMessageEndingWith(
					"  setup: letters\n  1. a\n  2. b\nwhich fails with: java.lang.AssertionError: b after a")
			.withCauseInstanceOf(AssertionError.class);
	}

	@Test
	void shrinkingKeepsOnlyStepsWhoseRemovalMakesTheFailureGo() {
		RandomSequences<String, Character> sequences = new RandomSequences<>("test-sequences",
				RandomSequencesTests::letters, (setup, steps) -> {
					if (steps.stream().filter((step) -> step == 'd').count() >= 3) {
						throw new IllegalStateException("three d");
					}
				});
		RandomSequences.Run<String, Character> shrunk = sequences
			.shrink(new RandomSequences.Run<>("letters", List.of('a', 'd', 'b', 'd', 'e', 'e', 'd', 'c', 'd')));
		assertThat(shrunk.steps()).containsExactly('d', 'd', 'd');
	}

	@Test
	void everyRunIsCheckedWhenNoneFails() {
		AtomicInteger runs = new AtomicInteger();
		int checked = new RandomSequences<String, Character>("test-sequences", RandomSequencesTests::letters,
				(setup, steps) -> runs.incrementAndGet())
			.check(250, 7);
		assertThat(checked).isEqualTo(250);
		assertThat(runs).hasValue(250);
	}

	@Test
	void theSameSeedGeneratesTheSameRuns() {
		assertThat(letters(new SplittableRandom(5)).steps()).isEqualTo(letters(new SplittableRandom(5)).steps())
			.isNotEqualTo(letters(new SplittableRandom(6)).steps());
	}

}
