package io.github.scratchbuffer.sample;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample app, started with {@code java -jar} as users run it, driven over
 * HTTP by many concurrent clients mixing every endpoint with bad input, then checked
 * through its own {@code /actuator/bufferpool} and {@code /actuator/prometheus}. Stopped
 * by its PID.
 */
class SampleApplicationProcessIT {

	private static final int CLIENTS = 16;

	private static final int REQUESTS_PER_CLIENT = 150;

	private static final long MAX_BODY_SIZE = 512 * 1024;

	private static final String PASSWORD = UUID.randomUUID().toString();

	private static SampleAppProcess app;

	private static SampleLoad load;

	@BeforeAll
	static void startTheJar() throws Exception {
		app = SampleAppProcess.start(PASSWORD, MAX_BODY_SIZE, "--scratch-buffer.pooling.max-size=8");
		load = app.load();
	}

	@AfterAll
	static void stopTheJar() throws Exception {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void underConcurrentMixedLoadEveryAnswerIsRightAndEveryBufferComesBack() throws Exception {
		String stats = load.runAndAssertEveryBufferCameBack(CLIENTS, REQUESTS_PER_CLIENT);
		assertThat(SampleLoad.number(stats, "$.idle")).isBetween(1L, 8L);
		System.out.println("/actuator/bufferpool after " + CLIENTS * REQUESTS_PER_CLIENT + " requests: " + stats);
		load.assertPrometheusSeries("sample");
	}

	@Test
	void changingThePoolNeedsTheConfiguredCredentials() throws Exception {
		assertThat(
				load.send(load.json("/actuator/bufferpool", "{\"poolingEnabled\":false}", "admin", null)).statusCode())
			.isEqualTo(401);
		assertThat(load.send(load.json("/actuator/bufferpool", "{\"poolingEnabled\":false}", "admin", "wrong"))
			.statusCode()).isEqualTo(401);
		assertThat((Boolean) JsonPath.read(load.send(load.get("/actuator/bufferpool")).body(), "$.poolingEnabled"))
			.isTrue();
		String off = load.send(load.json("/actuator/bufferpool", "{\"poolingEnabled\":false}", "admin", PASSWORD))
			.body();
		assertThat((Boolean) JsonPath.read(off, "$.poolingEnabled")).isFalse();
		String on = load.send(load.json("/actuator/bufferpool", "{\"poolingEnabled\":true}", "admin", PASSWORD)).body();
		assertThat((Boolean) JsonPath.read(on, "$.poolingEnabled")).isTrue();
	}

}
