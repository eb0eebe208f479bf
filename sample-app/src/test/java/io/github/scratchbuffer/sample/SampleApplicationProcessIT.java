package io.github.scratchbuffer.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

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

	private static Process process;

	private static Path log;

	private static SampleLoad load;

	@BeforeAll
	static void startTheJar() throws Exception {
		Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app.jar"));
		assertThat(jar).as("the packaged sample app (run through 'mvn verify')").exists();
		int port = freePort();
		log = Files.createTempFile("sample-app-it", ".log");
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-jar", jar.toString(),
				"--server.port=" + port, "--sample.max-body-size=" + MAX_BODY_SIZE + "B",
				"--scratch-buffer.pooling.max-size=8")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		// The password reaches the process through its environment, as the README
		// documents.
		builder.environment().put("SPRING_SECURITY_USER_PASSWORD", PASSWORD);
		process = builder.start();
		load = new SampleLoad(URI.create("http://localhost:" + port), MAX_BODY_SIZE);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (!load.isHealthy()) {
			assertThat(process.isAlive()).as("the sample app exited early; its log: %s", log).isTrue();
			assertThat(System.nanoTime()).as("the sample app became healthy in time; its log: %s", log)
				.isLessThan(deadline);
			Thread.sleep(200);
		}
	}

	@AfterAll
	static void stopTheJar() throws Exception {
		if (process == null) {
			return;
		}
		ProcessHandle handle = ProcessHandle.of(process.pid()).orElse(null);
		if (handle != null) {
			handle.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				handle.destroyForcibly();
				process.waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	@Test
	void underConcurrentMixedLoadEveryAnswerIsRightAndEveryBufferComesBack() throws Exception {
		AtomicLongArray done = load.run(CLIENTS, REQUESTS_PER_CLIENT);
		for (int kind = 0; kind < done.length(); kind++) {
			assertThat(done.get(kind)).as("requests of kind %d", kind).isPositive();
		}
		String stats = load.assertEveryBufferCameBack(
				done.get(SampleLoad.DIGEST) + done.get(SampleLoad.GZIP) + done.get(SampleLoad.REPORT));
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

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
