/**
 * JMH benchmarks of the scratch buffer scope cycle.
 */
package io.github.scratchbuffer.benchmarks;
