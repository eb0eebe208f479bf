package io.github.scratchbuffer.sample;

import java.nio.file.Files;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app as Spring AOT processed it at build time ({@code process-aot}, which the
 * sample's build runs as Spring Boot's {@code native} profile does), started on the JVM
 * with {@code -Dspring.aot.enabled=true}: the bean definitions the starter contributes
 * are replayed from generated code instead of evaluated from conditions. Driven over HTTP
 * like the plain jar: every endpoint, {@code /actuator/bufferpool} read, switched and
 * drained, the Prometheus series, and the pool's accounting at the end.
 */
class SampleApplicationAotIT {

	private static final long MAX_BODY_SIZE = 512 * 1024;

	private static final String PASSWORD = UUID.randomUUID().toString();

	private static SampleAppProcess app;

	private static SampleLoad load;

	@BeforeAll
	static void startTheAotProcessedJar() throws Exception {
		app = SampleAppProcess.start(PASSWORD, MAX_BODY_SIZE, List.of("-Dspring.aot.enabled=true"),
				"--scratch-buffer.pooling.max-size=8");
		load = app.load();
	}

	@AfterAll
	static void stopTheJar() throws Exception {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void theAotProcessedAppServesEveryEndpointAndReturnsEveryBuffer() throws Exception {
		assertThat(Files.readString(app.log())).as("the app started from its AOT-generated code")
			.contains("Starting AOT-processed SampleApplication");
		String stats = load.runAndAssertEveryBufferCameBack(8, 100);
		assertThat(SampleLoad.number(stats, "$.idle")).isBetween(1L, 8L);
		assertThat(SampleLoad.number(stats, "$.maxPoolSize")).as("a property bound at run time").isEqualTo(8);
		assertThat(SampleLoad.number(stats, "$.hold.samples")).isPositive();
		assertThat(((Number) JsonPath.read(stats, "$.hold.max")).doubleValue()).isPositive();
		load.assertPrometheusSeries("sample");
	}

	@Test
	void theEndpointSwitchesAndDrainsThePoolForTheAdminOnly() throws Exception {
		assertThat(load.send(load.json("/actuator/bufferpool", "{\"poolingEnabled\":false}", "admin", "wrong"))
			.statusCode()).isEqualTo(401);
		assertThat(load.send(load.delete("/actuator/bufferpool", "admin", null)).statusCode()).isEqualTo(401);
		String off = load.send(load.json("/actuator/bufferpool", "{\"poolingEnabled\":false}", "admin", PASSWORD))
			.body();
		assertThat((Boolean) JsonPath.read(off, "$.poolingEnabled")).isFalse();
		assertThat(SampleLoad.number(off, "$.idle")).isZero();
		String on = load.send(load.json("/actuator/bufferpool", "{\"poolingEnabled\":true}", "admin", PASSWORD)).body();
		assertThat((Boolean) JsonPath.read(on, "$.poolingEnabled")).isTrue();
		load.run(2, 20);
		load.assertEveryBufferCameBack(0);
		String drained = load.send(load.delete("/actuator/bufferpool", "admin", PASSWORD)).body();
		assertThat(SampleLoad.number(drained, "$.idle")).isZero();
		assertThat(SampleLoad.number(drained, "$.retainedBytes")).isZero();
		assertThat(SampleLoad.number(drained, "$.drained")).isPositive();
		assertThat(
				load.send(load.json("/actuator/bufferpool", "{\"poolingEnabled\":0}", "admin", PASSWORD)).statusCode())
			.isEqualTo(400);
	}

}
