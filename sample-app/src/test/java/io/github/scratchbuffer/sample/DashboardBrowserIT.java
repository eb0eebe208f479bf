package io.github.scratchbuffer.sample;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sample app's live dashboard in a real browser: Debian's headless Chromium loads it
 * from the packaged jar while clients load the app, and the test checks that the charts
 * received data, that the toggle refuses wrong credentials with a visible 401, and that
 * with the right ones it switches pooling and the page shows it. Saves
 * {@code target/dashboard.png}. Opt-in ({@code -Pbrowser-tests}, which
 * {@code scripts/browser-tests.sh} runs after installing {@code chromium} and
 * {@code chromium-driver}); skipped where Chromium is absent.
 */
@EnabledIfSystemProperty(named = "sample.browser-tests", matches = "true")
class DashboardBrowserIT {

	private static final File CHROMIUM = new File("/usr/bin/chromium");

	private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	private static final String PASSWORD = UUID.randomUUID().toString();

	private static final long MAX_BODY_SIZE = 512 * 1024;

	private static SampleAppProcess app;

	private static SampleLoad load;

	private static URI base;

	private static Thread loadThread;

	private static final AtomicBoolean loading = new AtomicBoolean(true);

	private static ChromeDriver browser;

	@BeforeAll
	static void startTheAppUnderLoadAndABrowser() throws Exception {
		assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(), "Chromium and its driver are not installed");
		app = SampleAppProcess.start(PASSWORD, MAX_BODY_SIZE);
		load = app.load();
		base = load.base();
		loadThread = new Thread(() -> {
			while (loading.get()) {
				try {
					load.run(4, 10);
				}
				catch (Exception ex) {
					return;
				}
			}
		}, "dashboard-load");
		loadThread.start();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1560",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + Files.createTempDirectory("chromium"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopEverything() throws Exception {
		loading.set(false);
		if (browser != null) {
			browser.quit();
		}
		if (loadThread != null) {
			loadThread.join(TimeUnit.SECONDS.toMillis(30));
		}
		if (app != null) {
			app.close();
		}
	}

	@Test
	void theChartsFillWithLiveDataAndTheToggleSwitchesPoolingOnlyWithTheRightCredentials() throws Exception {
		browser.get(base.resolve("/").toString());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
		wait.until((driver) -> number("return Number(document.body.dataset.polls)") >= 8);
		wait.until((driver) -> number("return window.dashboard.history.p99.filter((v) => v > 0).length") >= 3);
		wait.until((driver) -> number("return window.dashboard.history.holdP99.filter((v) => v > 0).length") >= 3);
		assertThat(number("return Math.min(...Object.values(window.dashboard.charts).map((c) => c.data[0].length))"))
			.as("points in every chart")
			.isGreaterThanOrEqualTo(8);
		assertThat(number("return Math.max(...window.dashboard.history.active.concat(window.dashboard.history.idle))"))
			.as("buffers seen in use or idle")
			.isPositive();
		assertThat(text("recommendation")).doesNotContain("waiting");
		assertThat(text("tile-buffers")).matches("\\d+ / \\d+ / 64");
		assertThat(text("tile-hold")).matches("[\\d.]+ (µs|ms|s)");
		assertThat(text("pooling")).isEqualTo("pooling on");
		Files.write(Path.of("target", "dashboard.png"), browser.getScreenshotAs(OutputType.BYTES));

		type("password", "not-the-password");
		browser.findElement(By.id("toggle")).click();
		wait.until((driver) -> text("status").startsWith("401"));
		assertThat(browser.findElement(By.id("status")).getAttribute("class")).isEqualTo("error");
		assertThat(poolingEnabled()).as("wrong credentials change nothing").isTrue();
		assertThat(text("pooling")).isEqualTo("pooling on");

		type("password", PASSWORD);
		browser.findElement(By.id("toggle")).click();
		wait.until((driver) -> text("pooling").equals("pooling off"));
		assertThat(text("status")).isEqualTo("Pooling is now off.");
		assertThat(poolingEnabled()).isFalse();
		browser.findElement(By.id("toggle")).click();
		wait.until((driver) -> text("pooling").equals("pooling on"));
		assertThat(poolingEnabled()).isTrue();
	}

	private static long number(String script) {
		Object value = ((JavascriptExecutor) browser).executeScript(script);
		return (value instanceof Number number) ? number.longValue() : -1;
	}

	private static String text(String id) {
		return browser.findElement(By.id(id)).getText();
	}

	private static void type(String id, String value) {
		WebElement field = browser.findElement(By.id(id));
		field.clear();
		field.sendKeys(value);
	}

	private static boolean poolingEnabled() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(base.resolve("/actuator/bufferpool")).build(),
					HttpResponse.BodyHandlers.ofString());
		return response.body().contains("\"poolingEnabled\":true");
	}

}
