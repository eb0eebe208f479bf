package io.github.scratchbuffer.benchmarks;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferScope;
import io.github.scratchbuffer.ScratchBuffer;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * An 8 KiB scratch buffer in a scope open for the whole trial: what the encoder
 * benchmarks write into. Zero-on-release is off, so that their {@code clear()} between
 * operations measures the encoder, not a memset.
 */
@State(Scope.Thread)
public class ScopedScratchBuffer {

	private final BufferManager manager = BufferManager.builder().bufferSize(8 * 1024).zeroOnRelease(false).build();

	private BufferScope scope;

	ScratchBuffer buffer;

	@Setup(Level.Trial)
	public void open() {
		this.scope = this.manager.openScope();
		this.buffer = this.scope.buffer();
	}

	@TearDown(Level.Trial)
	public void close() {
		this.scope.close();
	}

}
