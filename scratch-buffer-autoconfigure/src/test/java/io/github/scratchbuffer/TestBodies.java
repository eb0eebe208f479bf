package io.github.scratchbuffer;

import java.util.SplittableRandom;

/**
 * Request bodies for tests: printable bytes, different for every seed, so that a response
 * that carries another request's bytes cannot pass for the right one.
 */
public final class TestBodies {

	private TestBodies() {
	}

	/**
	 * Lower-case letters drawn from a seeded generator.
	 * @param length the body's length
	 * @param seed the seed
	 * @return the body
	 */
	public static byte[] bytes(int length, long seed) {
		byte[] bytes = new byte[length];
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) ('a' + random.nextInt(26));
		}
		return bytes;
	}

}
