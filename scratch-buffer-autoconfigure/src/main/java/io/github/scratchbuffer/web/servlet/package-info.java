/**
 * Servlet integration: a filter that gives every request a scratch buffer scope.
 */
@NullMarked
package io.github.scratchbuffer.web.servlet;

import org.jspecify.annotations.NullMarked;
