/**
 * Fault injection for the soak test: endpoints that fail, leak and misuse buffers on
 * purpose, active only with the {@code faults} profile.
 */
@NullMarked
package io.github.scratchbuffer.sample.faults;

import org.jspecify.annotations.NullMarked;
