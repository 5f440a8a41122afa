package dev.scanpay.platform;

import org.springframework.amqp.core.Exchange;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox of RabbitMQ messages that must not be lost (the payment results): a message is stored in the
 * transaction of the change it announces, so it exists exactly when that change is committed, and the relay
 * ({@link MessageOutboxRelay}) sends it after the commit, as {@link ConfirmedMessages} does, deleting it once the
 * broker has confirmed it. A message the broker did not take stays and is sent again; one sent whose deletion
 * did not commit is sent twice, so its consumer must be idempotent.
 * <p>
 * One row written with the change and one statement per batch after it, where the event publication registry
 * writes each event three times (recorded, marked processing, completed); see {@code docs/benchmarks.md}.
 */
@Component
public class MessageOutbox {

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final MessageOutboxRelay relay;

	MessageOutbox(JdbcClient jdbc, JsonMapper json, MessageOutboxRelay relay) {
		this.jdbc = jdbc;
		this.json = json;
		this.relay = relay;
	}

	/**
	 * Stores a message to be sent once the current transaction commits.
	 *
	 * @param payload serialized now, with the application's {@link JsonMapper}
	 * @throws IllegalStateException outside a transaction: a message is stored with the change it announces
	 */
	public void add(Exchange exchange, String routingKey, Object payload, String messageId) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("A message joins the outbox only in the transaction of its change");
		}
		jdbc.sql("insert into outbox_message (exchange, routing_key, message_id, body) values (?, ?, ?, ?)")
			.param(exchange.getName())
			.param(routingKey)
			.param(messageId)
			.param(json.writeValueAsBytes(payload))
			.update();
		AfterCommit.run(relay::wake);
	}
}
