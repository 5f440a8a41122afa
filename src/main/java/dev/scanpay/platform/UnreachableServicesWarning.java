package dev.scanpay.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;

/**
 * Redis and RabbitMQ being away does not stop the start-up: the application keeps trying them, and what
 * they should have taken waits in the outbox. Once started, this says in one line each which of them is not
 * reachable and how to start it, so that a first local run does not leave one to guess from stack traces.
 */
@Component
class UnreachableServicesWarning {

	private static final Logger log = LoggerFactory.getLogger(UnreachableServicesWarning.class);

	private final ObjectProvider<RedisConnectionFactory> redis;
	private final ObjectProvider<ConnectionFactory> rabbit;
	private final Environment environment;

	UnreachableServicesWarning(ObjectProvider<RedisConnectionFactory> redis, ObjectProvider<ConnectionFactory> rabbit,
			Environment environment) {
		this.redis = redis;
		this.rabbit = rabbit;
		this.environment = environment;
	}

	@Async
	@EventListener(ApplicationReadyEvent.class)
	void warnAboutUnreachableServices() {
		redis.ifAvailable(factory -> check("Redis", address("spring.data.redis", "6379"), "`redis-server`", () -> {
			try (var connection = factory.getConnection()) {
				connection.ping();
			}
		}));
		rabbit.ifAvailable(factory -> check("RabbitMQ", address("spring.rabbitmq", "5672") + rabbitVirtualHost(),
				rabbitStart(), () -> factory.createConnection().close()));
	}

	private void check(String service, String address, String ownCommand, Runnable connect) {
		try {
			connect.run();
		}
		catch (RuntimeException e) {
			log.warn("{} is not reachable at {} ({}): start it with `docker compose up -d` or {}; the application "
					+ "keeps trying meanwhile.", service, address, NestedExceptionUtils.getMostSpecificCause(e).getMessage(),
					ownCommand);
		}
	}

	private String address(String prefix, String defaultPort) {
		return environment.getProperty(prefix + ".host", "localhost") + ":"
				+ environment.getProperty(prefix + ".port", defaultPort);
	}

	private String rabbitVirtualHost() {
		return ", virtual host " + environment.getProperty("spring.rabbitmq.virtual-host", "/");
	}

	private String rabbitStart() {
		var virtualHost = environment.getProperty("spring.rabbitmq.virtual-host", "/");
		if ("/".equals(virtualHost)) {
			return "`rabbitmq-server`";
		}
		return ("`rabbitmq-server`, and create its virtual host: `rabbitmqctl add_vhost %s`, then "
				+ "`rabbitmqctl set_permissions -p %s <user> '.*' '.*' '.*'`").formatted(virtualHost, virtualHost);
	}
}
