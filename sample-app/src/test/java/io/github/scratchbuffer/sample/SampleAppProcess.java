package io.github.scratchbuffer.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample app, started with {@code java -jar} as users run it (the admin
 * password through the environment, as the README documents), on a free port, and stopped
 * by its PID. For the end-to-end tests that need a real process.
 */
final class SampleAppProcess implements AutoCloseable {

	private final Process process;

	private final Path log;

	private final SampleLoad load;

	private SampleAppProcess(Process process, Path log, SampleLoad load) {
		this.process = process;
		this.log = log;
		this.load = load;
	}

	/**
	 * Starts the jar and waits until it reports healthy, for at most 90 seconds.
	 * @param password the admin user's password
	 * @param maxBodySize the app's {@code sample.max-body-size}, in bytes
	 * @param arguments further command-line arguments
	 * @return the running app
	 */
	static SampleAppProcess start(String password, long maxBodySize, String... arguments) throws Exception {
		return start(password, maxBodySize, List.of(), arguments);
	}

	/**
	 * Starts the jar with JVM options, and waits until it reports healthy, for at most 90
	 * seconds.
	 * @param password the admin user's password
	 * @param maxBodySize the app's {@code sample.max-body-size}, in bytes
	 * @param jvmOptions options for the JVM, before {@code -jar}
	 * @param arguments further command-line arguments
	 * @return the running app
	 */
	static SampleAppProcess start(String password, long maxBodySize, List<String> jvmOptions, String... arguments)
			throws Exception {
		Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app.jar"));
		assertThat(jar).as("the packaged sample app (run through 'mvn verify')").exists();
		int port = freePort();
		Path log = Files.createTempFile("sample-app-it", ".log");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
				"--sample.max-body-size=" + maxBodySize + "B"));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("SPRING_SECURITY_USER_PASSWORD", password);
		SampleAppProcess app = new SampleAppProcess(builder.start(), log,
				new SampleLoad(URI.create("http://localhost:" + port), maxBodySize));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (!app.load.isHealthy()) {
			assertThat(app.process.isAlive()).as("the sample app exited early; its log: %s", log).isTrue();
			assertThat(System.nanoTime()).as("the sample app became healthy in time; its log: %s", log)
				.isLessThan(deadline);
			Thread.sleep(200);
		}
		return app;
	}

	/** The client that drives this app and checks its pool. */
	SampleLoad load() {
		return this.load;
	}

	/** Where the app listens: {@code localhost:port}, as Prometheus labels it. */
	String target() {
		return this.load.base().getHost() + ":" + this.load.base().getPort();
	}

	Path log() {
		return this.log;
	}

	@Override
	public void close() throws InterruptedException {
		stop(this.process);
	}

	/** Stops a process by its PID, forcibly after 30 seconds. */
	static void stop(Process process) throws InterruptedException {
		process.destroy();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
