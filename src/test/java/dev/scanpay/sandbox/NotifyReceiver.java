package dev.scanpay.sandbox;

import com.sun.net.httpserver.HttpServer;

import dev.scanpay.wechat.WeChatXml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A merchant's notify URL on loopback that records every notification and can refuse the first ones.
 */
class NotifyReceiver implements AutoCloseable {

	static final String SUCCESS = "<xml><return_code><![CDATA[SUCCESS]]></return_code>"
			+ "<return_msg><![CDATA[OK]]></return_msg></xml>";

	/**
	 * @param body the notification as it was sent, for verifiers that read the document themselves
	 */
	record Received(Instant at, Map<String, String> fields, String body) {
	}

	private final HttpServer server;
	private final List<Received> received = new CopyOnWriteArrayList<>();
	private final AtomicInteger refusalsLeft = new AtomicInteger();
	private volatile Duration answerDelay = Duration.ZERO;
	private volatile String refusal = "<xml><return_code><![CDATA[FAIL]]></return_code></xml>";

	NotifyReceiver() {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		server.setExecutor(Executors.newFixedThreadPool(16));
		server.createContext("/notify", exchange -> {
			var body = exchange.getRequestBody().readAllBytes();
			pause(answerDelay);
			received.add(new Received(Instant.now(), WeChatXml.parse(body), new String(body, StandardCharsets.UTF_8)));
			var answer = (refusalsLeft.getAndDecrement() > 0 ? refusal : SUCCESS).getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		server.start();
	}

	String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
	}

	NotifyReceiver refuseFirst(int count, String answer) {
		refusal = answer;
		refusalsLeft.set(count);
		return this;
	}

	/** Takes this long to answer each notification, as a slow notify URL would. */
	NotifyReceiver answerAfter(Duration delay) {
		answerDelay = delay;
		return this;
	}

	private static void pause(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	List<Received> received() {
		return List.copyOf(received);
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
