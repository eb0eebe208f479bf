/**
 * Spring MVC: a message converter that writes a scratch buffer as the response body and
 * reads the request body into the request's buffer.
 */
@NullMarked
package io.github.scratchbuffer.http.converter;

import org.jspecify.annotations.NullMarked;
