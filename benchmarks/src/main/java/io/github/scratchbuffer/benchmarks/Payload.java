package io.github.scratchbuffer.benchmarks;

import java.util.concurrent.ThreadLocalRandom;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The bytes every contender writes into its 64 KiB buffer per operation: one request's
 * use of a scratch buffer.
 */
@State(Scope.Benchmark)
public class Payload {

	static final int BUFFER_SIZE = 64 * 1024;

	@Param({ "1024", "16384" })
	int bytes;

	byte[] data;

	@Setup
	public void setUp() {
		this.data = new byte[this.bytes];
		ThreadLocalRandom.current().nextBytes(this.data);
	}

}
