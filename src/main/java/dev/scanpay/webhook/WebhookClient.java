package dev.scanpay.webhook;

import dev.scanpay.platform.HttpDeadlines;
import dev.scanpay.platform.PooledHttpClients;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;

/**
 * Posts webhook events over pooled connections: once each, no redirect followed (a 3xx is a failed attempt),
 * connections only to addresses {@link WebhookTargets} allows, at most {@link #ANSWER_BYTES} of an answer read,
 * and an attempt not finished within the timeout, from connecting to the end of the answer, cut off.
 */
class WebhookClient implements AutoCloseable {

	/** How much of an answer is read: a receiver's body means nothing here. */
	static final int ANSWER_BYTES = 1024;

	static final String EVENT_ID = "Scanpay-Event-Id";

	private final CloseableHttpClient http;
	private final HttpDeadlines deadlines;

	WebhookClient(Duration timeout, int connections, WebhookTargets targets) {
		this.http = PooledHttpClients.create(connections, timeout, timeout,
				DefaultClientTlsStrategy.createSystemDefault(), targets);
		this.deadlines = new HttpDeadlines(timeout, "webhook-deadline-");
	}

	/**
	 * @return the answer's HTTP status
	 * @throws SocketTimeoutException if the attempt did not finish within the timeout
	 * @throws IOException if there was no answer: no connection (a refused address among the causes), a reset
	 */
	int post(URI url, String eventId, String signature, String body) throws IOException {
		var request = new HttpPost(url);
		request.setHeader(EVENT_ID, eventId);
		request.setHeader(WebhookSignature.HEADER, signature);
		request.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON));
		return deadlines.within(request, () -> answer(request));
	}

	/**
	 * The answer's status, once at most {@link #ANSWER_BYTES} of its body are read. A longer body is not read on:
	 * the connection is dropped instead, and the attempt counts by its status alone.
	 */
	private int answer(HttpPost request) throws IOException {
		var response = http.executeOpen(null, request, null);
		try {
			var entity = response.getEntity();
			if (entity != null && entity.getContent().readNBytes(ANSWER_BYTES + 1).length > ANSWER_BYTES) {
				request.cancel();
			}
			return response.getCode();
		}
		finally {
			closeQuietly(response);
		}
	}

	/** Closing an answer whose connection was dropped on purpose may fail: its status is known by then. */
	private static void closeQuietly(AutoCloseable response) {
		try {
			response.close();
		}
		catch (Exception e) {
			// nothing left to release
		}
	}

	@Override
	public void close() {
		deadlines.close();
		http.close(CloseMode.GRACEFUL);
	}
}
