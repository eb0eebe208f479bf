package io.github.scratchbuffer.sample;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A fleet of two sample-app processes scraped by a real Prometheus on loopback: after
 * load at both, Prometheus's HTTP API must show the {@code bufferpool_*} series of each
 * instance, and aggregate queries across the fleet (active buffers, hit ratio, leaks)
 * must equal what the instances' own {@code /actuator/bufferpool} say. Every query of the
 * Grafana dashboard in {@code docs/grafana} must run there too. Opt-in
 * ({@code -Pprometheus-tests}, which {@code scripts/prometheus-tests.sh} runs with
 * Debian's {@code prometheus}).
 */
@EnabledIfSystemProperty(named = "sample.prometheus-tests", matches = "true")
class PrometheusFleetIT {

	private static final String PASSWORD = UUID.randomUUID().toString();

	private static final long MAX_BODY_SIZE = 512 * 1024;

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private static final List<SampleAppProcess> apps = new ArrayList<>();

	private static final List<SampleLoad> instances = new ArrayList<>();

	private static final List<String> targets = new ArrayList<>();

	private static Path workDirectory;

	private static Process prometheusProcess;

	private static URI prometheus;

	@BeforeAll
	static void startTheFleetAndPrometheus() throws Exception {
		workDirectory = Files.createTempDirectory("prometheus-fleet-it");
		for (int i = 0; i < 2; i++) {
			SampleAppProcess app = SampleAppProcess.start(PASSWORD, MAX_BODY_SIZE,
					"--scratch-buffer.pooling.max-size=" + (8 + 8 * i));
			apps.add(app);
			instances.add(app.load());
			targets.add(app.target());
		}
		int prometheusPort = SampleAppProcess.freePort();
		Path config = workDirectory.resolve("prometheus.yml");
		Files.writeString(config, """
				global:
				  scrape_interval: 1s
				scrape_configs:
				  - job_name: sample
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: ['%s', '%s']
				""".formatted(targets.get(0), targets.get(1)));
		prometheusProcess = new ProcessBuilder("prometheus", "--config.file=" + config,
				"--storage.tsdb.path=" + workDirectory.resolve("data"),
				"--web.listen-address=127.0.0.1:" + prometheusPort)
			.redirectErrorStream(true)
			.redirectOutput(workDirectory.resolve("prometheus.log").toFile())
			.start();
		prometheus = URI.create("http://127.0.0.1:" + prometheusPort);
	}

	@AfterAll
	static void stopEverything() throws Exception {
		if (prometheusProcess != null) {
			SampleAppProcess.stop(prometheusProcess);
		}
		for (SampleAppProcess app : apps) {
			app.close();
		}
	}

	@Test
	void prometheusAggregatesTheFleetAsTheInstancesReportIt() throws Exception {
		instances.get(0).run(8, 60);
		instances.get(1).run(4, 30);
		List<String> endpoints = new ArrayList<>();
		for (SampleLoad instance : instances) {
			endpoints.add(instance.assertEveryBufferCameBack(0));
		}
		long acquisitions = sum(endpoints, "$.acquisitions");
		long hits = sum(endpoints, "$.hits");
		// Every scope has closed now. An earlier scrape can already show the final
		// acquisitions while the last request still holds its buffer (a buffer counts as
		// acquired once taken), so wait for a scrape of each instance that started later.
		long allClosedMillis = System.currentTimeMillis();
		awaitValue("count(timestamp(bufferpool_buffers_active_buffers) * 1000 > " + allClosedMillis + ")", 2);
		assertThat(scalar("sum(bufferpool_acquisitions_buffers_total)")).isEqualTo((double) acquisitions);

		Map<String, Double> activeByInstance = vectorByInstance("bufferpool_buffers_active_buffers");
		assertThat(activeByInstance).as("one series per instance").containsOnlyKeys(targets);
		assertThat(activeByInstance.values()).containsOnly(0.0);
		Map<String, Double> hitsByInstance = vectorByInstance("bufferpool_acquisitions_buffers_total{result=\"hit\"}");
		for (int i = 0; i < 2; i++) {
			assertThat(hitsByInstance.get(targets.get(i))).as("hits of %s", targets.get(i))
				.isEqualTo((double) SampleLoad.number(endpoints.get(i), "$.hits"));
		}
		assertThat(vectorByInstance("bufferpool_buffers_max_buffers")).containsEntry(targets.get(0), 8.0)
			.containsEntry(targets.get(1), 16.0);
		assertThat(scalar("sum(bufferpool_acquisitions_buffers_total{result=\"hit\"}) / "
				+ "sum(bufferpool_acquisitions_buffers_total)"))
			.as("the fleet's hit ratio")
			.isCloseTo((double) hits / acquisitions, within(1e-9));
		assertThat(scalar("sum(bufferpool_buffers_active_buffers)")).isZero();
		assertThat(scalar("sum(bufferpool_leaks_total)")).isZero();
		assertThat(scalar("sum(bufferpool_memory_retained_bytes)"))
			.isEqualTo((double) sum(endpoints, "$.retainedBytes"));
		// Hold times: the timer counts the scopes the endpoint's histogram sampled.
		long holdSamples = sum(endpoints, "$.hold.samples");
		assertThat(holdSamples).as("sampled hold times").isPositive();
		assertThat(scalar("sum(bufferpool_hold_seconds_count)")).isEqualTo((double) holdSamples);
		assertThat(vectorByInstance("bufferpool_hold_seconds_max")).containsOnlyKeys(targets);
		assertThat(scalar("max(bufferpool_hold_seconds_max)")).as("the longest hold")
			.isPositive()
			.isLessThanOrEqualTo(endpoints.stream()
				.mapToDouble((json) -> ((Number) JsonPath.read(json, "$.hold.max")).doubleValue())
				.max()
				.orElseThrow());
	}

	@Test
	void everyQueryOfTheGrafanaDashboardRuns() throws Exception {
		instances.get(0).run(2, 20);
		// Rates and increases need at least two scrapes of every series.
		awaitValue("count(count_over_time(bufferpool_buffers_active_buffers[5m]) >= 3)", 2);
		Path dashboard = Path.of(System.getProperty("sample.grafana-dashboard", "../docs/grafana/bufferpool.json"));
		List<String> expressions = JsonPath.read(Files.readString(dashboard), "$..targets[*].expr");
		assertThat(expressions).hasSizeGreaterThan(10);
		for (String expression : expressions) {
			String query = expression.replace("$name", ".*")
				.replace("$instance", ".*")
				.replace("$__rate_interval", "1m")
				.replace("$__range", "5m");
			String answer = query(query);
			assertThat((String) JsonPath.read(answer, "$.status")).as("%s: %s", query, answer).isEqualTo("success");
			List<Object> result = JsonPath.read(answer, "$.data.result");
			assertThat(result).as("data for %s", query).isNotEmpty();
		}
	}

	private static long sum(List<String> endpoints, String path) {
		return endpoints.stream().mapToLong((json) -> SampleLoad.number(json, path)).sum();
	}

	private static void awaitValue(String query, double expected) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		double value = Double.NaN;
		while (System.nanoTime() < deadline) {
			String answer = query(query);
			List<List<Object>> values = JsonPath.read(answer, "$.data.result[*].value");
			if (!values.isEmpty()) {
				value = Double.parseDouble(values.get(0).get(1).toString());
				if (value == expected) {
					return;
				}
			}
			Thread.sleep(500);
		}
		throw new AssertionError("Prometheus answered " + value + " for " + query + ", expected " + expected
				+ "; logs in " + workDirectory);
	}

	private static Map<String, Double> vectorByInstance(String query) throws Exception {
		String answer = query(query);
		List<Map<String, Object>> results = JsonPath.read(answer, "$.data.result");
		Map<String, Double> byInstance = new TreeMap<>();
		for (Map<String, Object> result : results) {
			@SuppressWarnings("unchecked")
			Map<String, String> labels = (Map<String, String>) result.get("metric");
			assertThat(labels).as("labels of %s", query).containsEntry("name", "sample").containsEntry("job", "sample");
			@SuppressWarnings("unchecked")
			List<Object> value = (List<Object>) result.get("value");
			byInstance.merge(labels.get("instance"), Double.parseDouble(value.get(1).toString()), Double::sum);
		}
		return byInstance;
	}

	private static double scalar(String query) throws Exception {
		String answer = query(query);
		List<List<Object>> values = JsonPath.read(answer, "$.data.result[*].value");
		assertThat(values).as("one value for %s: %s", query, answer).hasSize(1);
		return Double.parseDouble(values.get(0).get(1).toString());
	}

	private static String query(String query) throws IOException, InterruptedException {
		URI uri = prometheus.resolve("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("%s: %s", query, response.body()).isEqualTo(200);
		return response.body();
	}

}
