package io.github.scratchbuffer.autoconfigure;

import io.github.scratchbuffer.ScratchBuffer;
import io.github.scratchbuffer.actuate.endpoint.BufferPoolEndpoint.BufferPoolDescriptor;
import io.github.scratchbuffer.actuate.endpoint.BufferPoolEndpoint.HoldDescriptor;
import io.github.scratchbuffer.actuate.endpoint.BufferPoolEndpoint.UsageDescriptor;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime hints a native image needs, checked with Spring's predicates as its own
 * modules check theirs, and found where Spring's AOT processing looks for them.
 */
class ScratchBufferRuntimeHintsTests {

	private final RuntimeHints hints = registeredHints();

	private static RuntimeHints registeredHints() {
		RuntimeHints hints = new RuntimeHints();
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints,
					ScratchBufferRuntimeHintsTests.class.getClassLoader()));
		return hints;
	}

	@Test
	void theRegistrarIsListedInAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(ScratchBufferRuntimeHints.class);
	}

	@Test
	void theFieldTheCoresVarHandleIsFoundByIsRegistered() throws NoSuchFieldException {
		assertThat(ScratchBuffer.class.getDeclaredField("state").getType()).isEqualTo(int.class);
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(ScratchBuffer.class, "state")).accepts(this.hints);
	}

	@Test
	void everyComponentOfTheEndpointsResponseCanBeSerialized() {
		for (Class<?> type : new Class<?>[] { BufferPoolDescriptor.class, UsageDescriptor.class,
				HoldDescriptor.class }) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getSimpleName()).accepts(this.hints);
			for (var component : type.getRecordComponents()) {
				assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(type, component.getName()))
					.as("%s.%s()", type.getSimpleName(), component.getName())
					.accepts(this.hints);
			}
		}
	}

}
