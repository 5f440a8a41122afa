package dev.scanpay.order.messaging;

import dev.scanpay.order.OrderPayments;

import com.rabbitmq.client.Channel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import tools.jackson.databind.json.JsonMapper;

/**
 * Receives payment results from RabbitMQ a batch at a time (up to
 * {@code scanpay.order.payment-results.batch-size}) and applies the batch in one transaction, in order id order so
 * that two consumers lock the orders they share in the same order; each result is acked only once that
 * transaction committed. Should the batch fail, each result is applied again on its own, so one result that cannot
 * apply does not hold back the others: it is tried a bounded number of times ({@link Redelivery}) and then
 * rejected to the dead-letter queue. A message that is not a readable result goes there at once.
 */
@Component
class PaymentResultListener {

	private static final Logger log = LoggerFactory.getLogger(PaymentResultListener.class);

	private final OrderPayments payments;
	private final JsonMapper json;
	private final TransactionOperations transactions;
	private final Redelivery redelivery;

	PaymentResultListener(OrderPayments payments, JsonMapper json, TransactionOperations transactions,
			Redelivery redelivery) {
		this.payments = payments;
		this.json = json;
		this.transactions = transactions;
		this.redelivery = redelivery;
	}

	@RabbitListener(id = "paymentResults", queues = "#{paymentResultsQueue}",
			containerFactory = "paymentResultsContainerFactory")
	void on(List<Message> messages, Channel channel) throws IOException, InterruptedException {
		var results = new ArrayList<Delivery>(messages.size());
		for (var message : messages) {
			long tag = message.getMessageProperties().getDeliveryTag();
			try {
				results.add(new Delivery(tag, read(message.getBody())));
			}
			catch (AmqpRejectAndDontRequeueException e) {
				log.warn("Dead-lettering a payment result: {}", e.getMessage());
				channel.basicReject(tag, false);
			}
		}
		if (results.size() > 1 && appliedTogether(results)) {
			// Deliveries on this channel are handled in order: every earlier one is acked or rejected already.
			channel.basicAck(results.stream().mapToLong(Delivery::tag).max().orElseThrow(), true);
			return;
		}
		for (var result : results) {
			applyAlone(result, channel);
		}
	}

	private boolean appliedTogether(List<Delivery> results) {
		var inLockOrder = results.stream().sorted(Comparator.comparing(result -> result.message().orderId())).toList();
		try {
			transactions.executeWithoutResult(status -> inLockOrder.forEach(result -> apply(result.message())));
			return true;
		}
		catch (RuntimeException e) {
			log.info("A batch of {} payment results failed ({}); applying them one at a time", results.size(),
					e.getMessage());
			return false;
		}
	}

	private void applyAlone(Delivery result, Channel channel) throws IOException, InterruptedException {
		for (int attempt = 1;; attempt++) {
			try {
				transactions.executeWithoutResult(status -> apply(result.message()));
				channel.basicAck(result.tag(), false);
				return;
			}
			catch (RuntimeException e) {
				if (attempt >= redelivery.attempts()) {
					log.error("Dead-lettering the payment result for order {} after {} attempts",
							result.message().orderId(), attempt, e);
					channel.basicReject(result.tag(), false);
					return;
				}
				Thread.sleep(redelivery.backOffAfter(attempt).toMillis());
			}
		}
	}

	private void apply(PaymentResultMessage result) {
		switch (result.type()) {
			case PAYMENT_SUCCEEDED -> payments.paid(result.orderId(), Objects.requireNonNull(result.transactionId()),
					Objects.requireNonNull(result.totalFee()), Objects.requireNonNull(result.paidAt()));
			case PAYMENT_FAILED -> payments.failed(result.orderId(), result.reason());
		}
	}

	private PaymentResultMessage read(byte[] body) {
		return ResultMessages.read(json, body, PaymentResultMessage.class,
				result -> result.orderId() != null && result.type() != null && result.isComplete(), "payment result");
	}

	private record Delivery(long tag, PaymentResultMessage message) {
	}
}
