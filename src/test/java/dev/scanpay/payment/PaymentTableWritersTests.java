package dev.scanpay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * {@link Payment} owns its state: apart from its repository, no source file holds SQL that writes the
 * {@code payment} table.
 */
class PaymentTableWritersTests {

	private static final Pattern WRITES_PAYMENT = Pattern
		.compile("(?i)\\b(update\\s+payment|insert\\s+into\\s+payment|delete\\s+from\\s+payment|merge\\s+into\\s+payment)\\b");

	private static final Path SOURCES = Path.of("src/main/java");

	@Test
	void onlyThePaymentRepositoryHoldsSqlWritingThePaymentTable() throws IOException {
		try (Stream<Path> files = Files.walk(SOURCES)) {
			var writers = files.filter(file -> file.toString().endsWith(".java"))
				.filter(PaymentTableWritersTests::writesPaymentTable)
				.map(file -> SOURCES.relativize(file).toString().replace('\\', '/'))
				.toList();

			assertThat(writers).containsExactly("dev/scanpay/payment/PaymentRepository.java");
		}
	}

	@Test
	void recognisesAWriteOfThePaymentTableButNotOfThePaymentLog() {
		assertThat(WRITES_PAYMENT.matcher("update payment set state = 'CLOSED'").find()).isTrue();
		assertThat(WRITES_PAYMENT.matcher("insert into payment (order_id)").find()).isTrue();
		assertThat(WRITES_PAYMENT.matcher("insert into payment_log (transaction_id)").find()).isFalse();
	}

	private static boolean writesPaymentTable(Path file) {
		try {
			return WRITES_PAYMENT.matcher(Files.readString(file)).find();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
