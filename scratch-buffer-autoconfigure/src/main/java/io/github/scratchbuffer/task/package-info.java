/**
 * Task execution integration: tasks that run in scratch buffer scopes of their own.
 */
@NullMarked
package io.github.scratchbuffer.task;

import org.jspecify.annotations.NullMarked;
