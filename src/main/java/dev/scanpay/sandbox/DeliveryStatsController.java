package dev.scanpay.sandbox;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How notification deliveries went, as the sender saw them: how many are pending, delivered or given up,
 * and how long notify URLs took to answer the attempts that delivered.
 */
@RestController
@WhenSandboxEnabled
class DeliveryStatsController {

	record DeliveryStats(long pending, long delivered, long gaveUp, long attempts, @Nullable Double answerMillisP50,
			@Nullable Double answerMillisP95, @Nullable Double answerMillisP99, @Nullable Double answerMillisMax) {
	}

	private final JdbcClient jdbc;

	DeliveryStatsController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping(path = "/sandbox/admin/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
	DeliveryStats stats() {
		return jdbc.sql("""
				select count(*) filter (where status = 'PENDING') as pending,
				       count(*) filter (where status = 'DELIVERED') as delivered,
				       count(*) filter (where status = 'GAVE_UP') as gave_up,
				       coalesce(sum(attempts), 0) as attempts,
				       percentile_cont(0.5) within group (order by last_answer_micros)
				           filter (where status = 'DELIVERED') / 1000.0 as answer_millis_p50,
				       percentile_cont(0.95) within group (order by last_answer_micros)
				           filter (where status = 'DELIVERED') / 1000.0 as answer_millis_p95,
				       percentile_cont(0.99) within group (order by last_answer_micros)
				           filter (where status = 'DELIVERED') / 1000.0 as answer_millis_p99,
				       max(last_answer_micros) filter (where status = 'DELIVERED') / 1000.0 as answer_millis_max
				from sandbox_notification""")
			.query(DeliveryStats.class)
			.single();
	}
}
