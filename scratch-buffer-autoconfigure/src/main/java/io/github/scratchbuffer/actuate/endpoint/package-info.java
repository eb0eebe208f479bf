/**
 * Actuator endpoint for the scratch buffer pool.
 */
@NullMarked
package io.github.scratchbuffer.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
