package io.github.scratchbuffer.autoconfigure;

import io.github.scratchbuffer.ScratchBuffer;
import io.github.scratchbuffer.actuate.endpoint.BufferPoolEndpoint;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image needs from the starter beyond what Spring's AOT processing finds on
 * its own. Registered through {@code META-INF/spring/aot.factories}.
 * <ul>
 * <li>{@link ScratchBuffer}'s {@code state} field, which the core reaches through a
 * {@code VarHandle} found by name ({@code MethodHandles.Lookup.findVarHandle}): a field
 * looked up by name must be registered for reflection in a native image.</li>
 * <li>The endpoint's response records, which Jackson serializes through their accessors.
 * Spring Boot registers an operation's declared return type itself; naming them here
 * keeps the endpoint's JSON complete also when they are reached another way (a custom
 * operation, a wrapped response).</li>
 * </ul>
 */
class ScratchBufferRuntimeHints implements RuntimeHintsRegistrar {

	private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection().registerType(ScratchBuffer.class, (type) -> type.withField("state"));
		this.bindingRegistrar.registerReflectionHints(hints.reflection(), BufferPoolEndpoint.BufferPoolDescriptor.class,
				BufferPoolEndpoint.UsageDescriptor.class, BufferPoolEndpoint.HoldDescriptor.class);
	}

}
