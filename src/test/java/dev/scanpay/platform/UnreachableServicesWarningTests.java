package dev.scanpay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.mock.env.MockEnvironment;

/**
 * Redis and RabbitMQ not running when the application has started: one warning line each, naming the service,
 * where it was looked for and how to start it.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnreachableServicesWarningTests {

	@Test
	void namesEachUnreachableServiceAndHowToStartItInOneLine(CapturedOutput output) throws IOException {
		int redisPort = closedPort();
		int rabbitPort = closedPort();
		var redis = new LettuceConnectionFactory("127.0.0.1", redisPort);
		redis.afterPropertiesSet();
		var rabbit = new CachingConnectionFactory("127.0.0.1", rabbitPort);
		var beans = new DefaultListableBeanFactory();
		beans.registerSingleton("redis", redis);
		beans.registerSingleton("rabbit", rabbit);
		var environment = new MockEnvironment()
			.withProperty("spring.data.redis.host", "127.0.0.1").withProperty("spring.data.redis.port", "" + redisPort)
			.withProperty("spring.rabbitmq.host", "127.0.0.1").withProperty("spring.rabbitmq.port", "" + rabbitPort)
			.withProperty("spring.rabbitmq.virtual-host", "scanpay-x");
		try {
			new UnreachableServicesWarning(beans.getBeanProvider(RedisConnectionFactory.class),
					beans.getBeanProvider(ConnectionFactory.class), environment).warnAboutUnreachableServices();
		}
		finally {
			redis.destroy();
			rabbit.destroy();
		}

		var warnings = Arrays.stream(output.getOut().split("\n")).filter(line -> line.contains(" WARN ")).toList();
		assertThat(warnings).anySatisfy(line -> assertThat(line)
			.contains("Redis is not reachable at 127.0.0.1:" + redisPort)
			.contains("start it with `docker compose up -d` or `redis-server`"));
		assertThat(warnings).anySatisfy(line -> assertThat(line)
			.contains("RabbitMQ is not reachable at 127.0.0.1:" + rabbitPort + ", virtual host scanpay-x")
			.contains("`rabbitmqctl add_vhost scanpay-x`"));
		assertThat(output).doesNotContain("\tat ");
	}

	private static int closedPort() throws IOException {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
