/**
 * Auto-configuration of scratch buffers for Spring Boot applications.
 */
@NullMarked
package io.github.scratchbuffer.autoconfigure;

import org.jspecify.annotations.NullMarked;
