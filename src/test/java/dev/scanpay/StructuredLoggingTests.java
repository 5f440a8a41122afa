package dev.scanpay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code SCANPAY_LOG_FORMAT} switches the console from text lines to one JSON object per line, through
 * {@code application.yaml}. Only logging is started here (an empty configuration), not the application.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Configuration(proxyBeanMethods = false)
	static class NothingButLogging {
	}

	@AfterEach
	void backToTextLines() {
		startLogging();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ecs", "logstash", "gelf" })
	void writesEachLineAsOneJsonObjectWhenAFormatIsGiven(String format, CapturedOutput output) {
		startLogging("--SCANPAY_LOG_FORMAT=" + format);

		LoggerFactory.getLogger(StructuredLoggingTests.class).info("Order {} is PAID", "20260101-structured");

		var line = lineWith(output, "20260101-structured");
		JsonNode entry = JSON.readTree(line);
		assertThat(entry.isObject()).isTrue();
		assertThat(entry.toString()).contains("Order 20260101-structured is PAID").contains("INFO");
	}

	@Test
	void writesTextLinesByDefault(CapturedOutput output) {
		startLogging();

		LoggerFactory.getLogger(StructuredLoggingTests.class).info("Order {} is PAID", "20260101-text");

		assertThat(lineWith(output, "20260101-text")).doesNotStartWith("{").contains(" INFO ");
	}

	private static void startLogging(String... args) {
		// An application context still open in this JVM (a cached test context) leaves the logging system marked
		// initialized, and a marked one is not configured again: clean it up so that this start applies its format.
		LoggingSystem.get(StructuredLoggingTests.class.getClassLoader()).cleanUp();
		new SpringApplicationBuilder(NothingButLogging.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.run(args)
			.close();
	}

	private static String lineWith(CapturedOutput output, String text) {
		return output.getOut().lines().filter(line -> line.contains(text)).findFirst().orElseThrow();
	}
}
