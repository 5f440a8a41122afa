package dev.scanpay.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;

/**
 * The floor under the payment result's trip through RabbitMQ: how much the broker spends to take one message the
 * way the outbox sends a result (persistent, mandatory, through a durable topic exchange to a durable queue, each
 * publisher waiting for the broker's confirm) and hand it to consumers that ack many at once, with nothing else
 * done on either side. CONCURRENCY publishers, each on its own channel (the outbox has up to 64 threads), and four
 * consumers with a prefetch of 50, as the app runs them. One unmeasured round, then a measured round of the same
 * size; {@code bench/amqp-floor} adds the CPU spent per message.
 *
 * <p>Arguments: messages, concurrency. Environment: {@code LOAD_RABBITMQ_HOST}, {@code LOAD_RABBITMQ_PORT},
 * {@code LOAD_RABBITMQ_VHOST}, {@code LOAD_RABBITMQ_USER}, {@code LOAD_RABBITMQ_PASSWORD}, {@code LOAD_RESULT_FILE}.
 */
public final class AmqpFloor {

	private static final String EXCHANGE = "amqp-floor";
	private static final String QUEUE = "amqp-floor";
	private static final int CONSUMERS = 4;
	private static final int PREFETCH = 50;
	private static final int ACK_EVERY = 10;
	private static final long ROUND_MINUTES = 10;

	/** About the size of a payment result's JSON. */
	private static final byte[] BODY = """
			{"type":"PAYMENT_SUCCEEDED","orderId":"20261129143000123456789012","transactionId":"4200002026112912345678901234",\
			"totalFee":100,"paidAt":"2026-11-29T14:30:00Z","kind":"default"}""".getBytes(StandardCharsets.UTF_8);

	private final int messages;
	private final int concurrency;
	private final ConnectionFactory factory = new ConnectionFactory();

	private AmqpFloor(int messages, int concurrency) {
		this.messages = messages;
		this.concurrency = concurrency;
		var env = System.getenv();
		factory.setHost(env.getOrDefault("LOAD_RABBITMQ_HOST", "localhost"));
		factory.setPort(Integer.parseInt(env.getOrDefault("LOAD_RABBITMQ_PORT", "5672")));
		factory.setVirtualHost(env.getOrDefault("LOAD_RABBITMQ_VHOST", "scanpay-load"));
		factory.setUsername(env.getOrDefault("LOAD_RABBITMQ_USER", "guest"));
		factory.setPassword(env.getOrDefault("LOAD_RABBITMQ_PASSWORD", "guest"));
	}

	public static void main(String[] args) throws Exception {
		int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
		int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
		new AmqpFloor(messages, concurrency).run();
	}

	private void run() throws Exception {
		try (var publishing = factory.newConnection("amqp-floor-publishers");
				var consuming = factory.newConnection("amqp-floor-consumers")) {
			try (var setup = publishing.createChannel()) {
				setup.exchangeDeclare(EXCHANGE, BuiltinExchangeType.TOPIC, true);
				setup.queueDeclare(QUEUE, true, false, false, null);
				setup.queueBind(QUEUE, EXCHANGE, "#");
			}
			System.out.printf("Warming up: %,d persistent messages, %d publishers waiting for confirms, %d consumers%n",
					messages, concurrency, CONSUMERS);
			round(publishing, consuming);
			long startedAt = System.currentTimeMillis();
			long start = System.nanoTime();
			round(publishing, consuming);
			long nanos = System.nanoTime() - start;
			long doneAt = System.currentTimeMillis();
			double perSecond = messages / (nanos / 1e9);
			System.out.printf("%,d messages published, confirmed, delivered and acked in %.1f s: %,.0f per second%n",
					messages, nanos / 1e9, perSecond);
			try (var cleanup = publishing.createChannel()) {
				cleanup.queueDelete(QUEUE);
				cleanup.exchangeDelete(EXCHANGE);
			}
			var file = System.getenv("LOAD_RESULT_FILE");
			if (file != null) {
				Files.writeString(Path.of(file), """
						messages=%d
						started_epoch_ms=%d
						done_epoch_ms=%d
						messages_per_second=%.0f
						""".formatted(messages, startedAt, doneAt, perSecond));
			}
		}
	}

	/** Publishes MESSAGES messages and returns once every one was confirmed, delivered and acked. */
	private void round(Connection publishing, Connection consuming) throws Exception {
		var received = new CountDownLatch(messages);
		var consumers = consume(consuming, received);
		var next = new AtomicInteger();
		var failures = new AtomicInteger();
		var publishers = Executors.newFixedThreadPool(concurrency);
		for (int t = 0; t < concurrency; t++) {
			publishers.execute(() -> {
				try (var channel = publishing.createChannel()) {
					channel.confirmSelect();
					while (next.getAndIncrement() < messages) {
						channel.basicPublish(EXCHANGE, "payment.default", true, MessageProperties.PERSISTENT_BASIC, BODY);
						channel.waitForConfirmsOrDie(10_000);
					}
				}
				catch (Exception e) {
					failures.incrementAndGet();
					System.err.println("A publisher failed: " + e);
				}
			});
		}
		publishers.shutdown();
		if (!publishers.awaitTermination(ROUND_MINUTES, TimeUnit.MINUTES)) {
			publishers.shutdownNow();
			throw new IllegalStateException("The publishers did not finish within %d minutes (is the broker blocked?)"
				.formatted(ROUND_MINUTES));
		}
		if (failures.get() > 0 || !received.await(60, TimeUnit.SECONDS)) {
			throw new IllegalStateException("Not every message was confirmed and delivered");
		}
		for (var consumer : consumers) {
			consumer.finish();
		}
	}

	private List<BatchAckingConsumer> consume(Connection connection, CountDownLatch received) throws IOException {
		var consumers = new ArrayList<BatchAckingConsumer>();
		for (int i = 0; i < CONSUMERS; i++) {
			var channel = connection.createChannel();
			channel.basicQos(PREFETCH);
			var consumer = new BatchAckingConsumer(channel, received);
			channel.basicConsume(QUEUE, false, consumer);
			consumers.add(consumer);
		}
		return consumers;
	}

	/** Acks every tenth delivery with those before it, and the rest when the round is over. */
	private static final class BatchAckingConsumer extends DefaultConsumer {

		private final CountDownLatch received;
		private long lastTag;
		private long ackedTag;

		BatchAckingConsumer(Channel channel, CountDownLatch received) {
			super(channel);
			this.received = received;
		}

		@Override
		public synchronized void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
				byte[] body) throws IOException {
			lastTag = envelope.getDeliveryTag();
			if (lastTag - ackedTag >= ACK_EVERY) {
				ack();
			}
			received.countDown();
		}

		synchronized void finish() throws IOException {
			if (lastTag > ackedTag) {
				ack();
			}
			getChannel().basicCancel(getConsumerTag());
			try {
				getChannel().close();
			}
			catch (TimeoutException e) {
				throw new IOException(e);
			}
		}

		private void ack() throws IOException {
			getChannel().basicAck(lastTag, true);
			ackedTag = lastTag;
		}
	}
}
