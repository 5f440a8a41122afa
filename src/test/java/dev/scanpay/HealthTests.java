package dev.scanpay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@IntegrationTest
class HealthTests {

	@Autowired MockMvcTester mvc;

	@Test
	void reportsPostgresRedisAndRabbitMqInHealth() {
		var health = mvc.get().uri("/actuator/health").exchange();

		assertThat(health).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("UP");
		assertThat(health).bodyJson().extractingPath("$.components.db.status").isEqualTo("UP");
		assertThat(health).bodyJson().extractingPath("$.components.redis.status").isEqualTo("UP");
		assertThat(health).bodyJson().extractingPath("$.components.rabbit.status").isEqualTo("UP");
	}
}
