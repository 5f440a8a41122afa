import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The load harness's webhook receiver (bench/lib.sh starts it with `java bench/WebhookReceiver.java`; JDK only): a
 * storefront's endpoint on localhost that checks each event's signature as the README's receiver's guide says,
 * appends the id of every event it accepts to RECEIVED_FILE (one line per delivery, so that a repeat shows), the
 * ids of those it refuses to RECEIVED_FILE.refused, and answers 204 (400 to a bad signature). GET /health answers
 * 200 once it listens.
 *
 *   java bench/WebhookReceiver.java PORT RECEIVED_FILE      (the secret in LOAD_WEBHOOK_SECRET)
 */
public class WebhookReceiver {

	private static final long TOLERANCE_SECONDS = 300;

	private final byte[] secret;
	private final BufferedWriter received;
	private final BufferedWriter refused;

	WebhookReceiver(String secret, Path file) throws IOException {
		this.secret = secret.getBytes(StandardCharsets.UTF_8);
		this.received = Files.newBufferedWriter(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		this.refused = Files.newBufferedWriter(Path.of(file + ".refused"), StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
	}

	public static void main(String[] args) throws Exception {
		var secret = System.getenv("LOAD_WEBHOOK_SECRET");
		if (args.length != 2 || secret == null || secret.isEmpty()) {
			System.err.println("java bench/WebhookReceiver.java PORT RECEIVED_FILE, with LOAD_WEBHOOK_SECRET set");
			System.exit(2);
		}
		var receiver = new WebhookReceiver(secret, Path.of(args[1]));
		var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])),
				256);
		server.setExecutor(Executors.newFixedThreadPool(16));
		server.createContext("/webhooks", receiver::receive);
		server.createContext("/health", exchange -> answer(exchange, 200));
		server.start();
		System.out.println("Webhook receiver listening on port " + args[0]);
	}

	private void receive(HttpExchange exchange) throws IOException {
		var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		var eventId = exchange.getRequestHeaders().getFirst("Scanpay-Event-Id");
		var signature = exchange.getRequestHeaders().getFirst("Scanpay-Signature");
		boolean accepted = eventId != null && signature != null && verified(signature, body);
		var file = accepted ? received : refused;
		synchronized (file) {
			file.write(eventId == null ? "-" : eventId);
			file.newLine();
			file.flush();
		}
		answer(exchange, accepted ? 204 : 400);
	}

	private boolean verified(String header, String body) {
		String timestamp = null;
		for (var part : header.split(",")) {
			if (part.startsWith("t=")) {
				timestamp = part.substring(2);
			}
		}
		if (timestamp == null || !timestamp.matches("[0-9]{1,18}")
				|| Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) > TOLERANCE_SECONDS) {
			return false;
		}
		var expected = hmac(timestamp + "." + body).getBytes(StandardCharsets.US_ASCII);
		for (var part : header.split(",")) {
			if (part.startsWith("v1=")
					&& MessageDigest.isEqual(part.substring(3).getBytes(StandardCharsets.US_ASCII), expected)) {
				return true;
			}
		}
		return false;
	}

	private String hmac(String signed) {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	private static void answer(HttpExchange exchange, int status) throws IOException {
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}
}
