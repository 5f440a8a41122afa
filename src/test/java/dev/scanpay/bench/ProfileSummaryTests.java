package dev.scanpay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileSummaryTests {

	private static volatile long sink;

	@Test
	void countsTheSamplesOfTheFocusedMethodByThreadAndFrame(@TempDir Path dir) throws Exception {
		var recordingFile = dir.resolve("spin.jfr");
		var stop = new AtomicBoolean();
		var spinner = new Thread(() -> spinUntil(stop), "profiled-spinner-7");
		try (var recording = new Recording()) {
			recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(5));
			recording.start();
			spinner.start();
			Thread.sleep(1_500);
			stop.set(true);
			spinner.join();
			recording.stop();
			recording.dump(recordingFile);
		}

		var summary = ProfileSummary.of(recordingFile, "ProfileSummaryTests.spinUntil");

		assertThat(summary.samples()).isPositive();
		assertThat(summary.threads()).containsOnlyKeys("profiled-spinner-N");
		assertThat(summary.inclusive()).containsEntry("dev.scanpay.bench.ProfileSummaryTests.spinUntil",
				summary.samples());
	}

	@Test
	void namesTheLibraryOfAFrame() {
		assertThat(ProfileSummary.library("org.springframework.web.servlet.DispatcherServlet.doDispatch"))
			.isEqualTo("org.springframework.web");
		assertThat(ProfileSummary.library("dev.scanpay.payment.PaymentRecorder.record")).isEqualTo("dev.scanpay.payment");
		assertThat(ProfileSummary.library("org.postgresql.jdbc.PgStatement.execute")).isEqualTo("org.postgresql");
		assertThat(ProfileSummary.library("libjvm.so.PhaseChaitin::Split")).isEqualTo("libjvm.so");
		assertThat(ProfileSummary.library("libc.so.6.__GI_write")).isEqualTo("libc.so");
		assertThat(ProfileSummary.library(".itable stub")).isEqualTo("(JIT stubs and adapters)");
	}

	private static void spinUntil(AtomicBoolean stop) {
		long value = 1;
		while (!stop.get()) {
			for (int i = 0; i < 100_000; i++) {
				value = value * 31 + i;
			}
		}
		sink = value;
	}
}
