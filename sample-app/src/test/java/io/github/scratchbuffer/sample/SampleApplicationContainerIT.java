package io.github.scratchbuffer.sample;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar in a container limited to 256 MB, under load. Opt-in: it needs Docker
 * and a locally built base image ({@code scripts/docker-tests.sh} prepares both and runs
 * it), since no image registry is reachable here.
 */
@EnabledIfSystemProperty(named = "sample.container-tests", matches = "true")
@Testcontainers(disabledWithoutDocker = true)
class SampleApplicationContainerIT {

	private static final long MEMORY_LIMIT = 256L * 1024 * 1024;

	private static final long MAX_BODY_SIZE = 512 * 1024;

	@Container
	private static final GenericContainer<?> app = new GenericContainer<>(
			DockerImageName.parse("local/debian:bookworm"))
		.withFileSystemBind(System.getProperty("sample.container-jdk"), "/opt/jdk", BindMode.READ_ONLY)
		.withCopyFileToContainer(
				MountableFile.forHostPath(Path.of(System.getProperty("sample.jar", "target/sample-app.jar"))),
				"/app/sample-app.jar")
		.withEnv("SPRING_SECURITY_USER_PASSWORD", "container-secret")
		.withCommand("/opt/jdk/bin/java", "-XX:MaxRAMPercentage=60", "-jar", "/app/sample-app.jar",
				"--sample.max-body-size=" + MAX_BODY_SIZE + "B")
		.withCreateContainerCmdModifier((command) -> command.getHostConfig().withMemory(MEMORY_LIMIT))
		.withExposedPorts(8080)
		.waitingFor(Wait.forHttp("/actuator/health").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(2)));

	@Test
	void underLoadInAMemoryLimitedContainerEveryBufferComesBack() throws Exception {
		SampleLoad load = new SampleLoad(URI.create("http://" + app.getHost() + ":" + app.getMappedPort(8080)),
				MAX_BODY_SIZE);
		String stats = load.runAndAssertEveryBufferCameBack(8, 150);
		System.out.println("/actuator/bufferpool in the container after 1200 requests: " + stats);
		load.assertPrometheusSeries("sample");
		assertThat(app.isRunning()).as("the container survived the load within %d MB", MEMORY_LIMIT >> 20).isTrue();
	}

}
