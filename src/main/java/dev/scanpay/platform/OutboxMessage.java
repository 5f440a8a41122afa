package dev.scanpay.platform;

/**
 * A message stored in the {@link MessageOutbox}, as its relay sends it.
 *
 * @param id its row, deleted once the broker has confirmed it
 * @param body the JSON payload
 */
record OutboxMessage(long id, String exchange, String routingKey, String messageId, byte[] body) {
}
