package dev.scanpay.checkout;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium at a phone's size, driven through Debian's ChromeDriver with a fresh profile, for
 * the test class that registers it (a missing Chromium fails the class, with what to install). Both binaries are
 * given by path, so Selenium Manager never looks for (or downloads) a browser or driver. A failing test leaves a
 * screenshot and the page's HTML under target/browser/.
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback, TestWatcher {

	/** Debian's Chromium, or the browser named by SCANPAY_TEST_CHROMIUM (another Chromium, or Chrome). */
	static final Path CHROMIUM = fromEnvironment("SCANPAY_TEST_CHROMIUM", "/usr/bin/chromium");
	/** Debian's ChromeDriver, or the one named by SCANPAY_TEST_CHROMEDRIVER, matching that browser. */
	static final Path CHROMEDRIVER = fromEnvironment("SCANPAY_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");

	private @Nullable ChromeDriver driver;
	private @Nullable Path profile;

	@Override
	public void beforeAll(ExtensionContext context) {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			throw new IllegalStateException("The browser tests need Debian's Chromium at " + CHROMIUM
					+ " and its ChromeDriver at " + CHROMEDRIVER
					+ ": apt-get install chromium chromium-driver (.ci/run installs them when they are missing), or name"
					+ " another browser and its driver with SCANPAY_TEST_CHROMIUM and SCANPAY_TEST_CHROMEDRIVER");
		}
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		Path profile;
		try {
			profile = Files.createTempDirectory("scanpay-chromium-");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		var options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=390,844", "--lang=en-US", "--user-data-dir=" + profile);
		// A desktop window is at least 500 pixels wide; the page must fit a phone's 390.
		options.setExperimentalOption("mobileEmulation",
				Map.of("deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 2.0)));
		var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.profile = profile;
		this.driver = new ChromeDriver(service, options);
	}

	@Override
	public void testFailed(ExtensionContext context, @Nullable Throwable cause) {
		if (driver == null) {
			return;
		}
		var name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
		try {
			screenshot(name);
			Files.writeString(Path.of("target", "browser", name + ".html"), driver.getPageSource());
		}
		catch (WebDriverException | UncheckedIOException | IOException e) {
			// The failure itself is what the report shows; the pictures are only a help.
			System.err.println("No screenshot of " + name + ": " + e.getMessage());
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		try {
			if (driver != null) {
				driver.quit();
			}
		}
		finally {
			driver = null;
			deleteProfile();
		}
	}

	private static Path fromEnvironment(String variable, String otherwise) {
		var value = System.getenv(variable);
		return Path.of(value == null || value.isBlank() ? otherwise : value);
	}

	public ChromeDriver driver() {
		if (driver == null) {
			throw new IllegalStateException("The browser is not running");
		}
		return driver;
	}

	public void open(String url) {
		driver().get(url);
	}

	public WebElement byTestId(String testId) {
		return driver().findElement(By.cssSelector("[data-testid='" + testId + "']"));
	}

	public WebElement visible(String testId) {
		return waitUpTo(Duration.ofSeconds(60))
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='" + testId + "']")));
	}

	public WebDriverWait waitUpTo(Duration timeout) {
		var wait = new WebDriverWait(driver(), timeout, Duration.ofMillis(100));
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	/** Whether an image has arrived and decoded. */
	boolean isLoaded(WebElement image) {
		return Boolean.TRUE.equals(driver().executeScript(
				"return arguments[0].complete && arguments[0].naturalWidth > 0;", image));
	}

	/** Clicks an element after scrolling it to the middle of the small screen. */
	public void click(WebElement element) {
		driver().executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
		waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(element));
		element.click();
	}

	/** Saves what the browser shows under target/browser/, for looking at a failure or the layout. */
	public Path screenshot(String name) {
		try {
			var folder = Files.createDirectories(Path.of("target", "browser"));
			var target = folder.resolve(name + ".png");
			Files.copy(driver().getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private void deleteProfile() {
		if (profile == null) {
			return;
		}
		try (Stream<Path> files = Files.walk(profile)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException e) {
			// A temporary directory left behind costs nothing but disk.
		}
	}
}
