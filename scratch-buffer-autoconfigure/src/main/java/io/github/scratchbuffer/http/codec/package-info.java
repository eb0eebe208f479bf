/**
 * Spring WebFlux: a writer that writes a scratch buffer as the response body and a reader
 * that reads the request body into the exchange's buffer.
 */
@NullMarked
package io.github.scratchbuffer.http.codec;

import org.jspecify.annotations.NullMarked;
