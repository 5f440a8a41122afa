package dev.scanpay.webhook;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver of webhooks on a free port of localhost: it keeps every request and answers each path with
 * the next scripted answer, then 204.
 */
final class Receiver implements AutoCloseable {

	/** A request as it arrived. */
	record Received(String path, Map<String, List<String>> headers, String body) {

		String header(String name) {
			return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
				.map(entry -> entry.getValue().get(0)).findFirst().orElse("");
		}
	}

	/**
	 * An answer: a status, how long to wait before it, its headers, and whether a body follows that never ends (a
	 * kilobyte and more at once, then a byte every 100 ms for 30 s).
	 */
	record Answer(int status, long delayMillis, Map<String, String> headers, boolean endlessBody) {

		Answer(int status, long delayMillis, Map<String, String> headers) {
			this(status, delayMillis, headers, false);
		}

		static Answer status(int status) {
			return new Answer(status, 0, Map.of());
		}
	}

	private final HttpServer server;
	private final List<Received> received = new CopyOnWriteArrayList<>();
	private final Map<String, ConcurrentLinkedDeque<Answer>> scripts = new ConcurrentHashMap<>();

	Receiver() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setExecutor(Executors.newCachedThreadPool());
		server.createContext("/", this::handle);
		server.start();
	}

	String url(String path) {
		return "http://localhost:" + server.getAddress().getPort() + path;
	}

	/** The next answers to requests for the path, in order; 204 once they are used up. */
	void script(String path, Answer... answers) {
		scripts.computeIfAbsent(path, key -> new ConcurrentLinkedDeque<>()).addAll(List.of(answers));
	}

	/** Drops what is left of the path's script: 204 from now on. */
	void answerNormally(String path) {
		scripts.remove(path);
	}

	List<Received> received(String path) {
		return received.stream().filter(request -> request.path().equals(path)).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		var path = exchange.getRequestURI().getPath();
		received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()),
				new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
		var script = scripts.get(path);
		var answer = script == null ? null : script.poll();
		if (answer == null) {
			answer = Answer.status(204);
		}
		try {
			Thread.sleep(answer.delayMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		answer.headers().forEach(exchange.getResponseHeaders()::add);
		if (!answer.endlessBody()) {
			exchange.sendResponseHeaders(answer.status(), -1);
			exchange.close();
			return;
		}
		exchange.sendResponseHeaders(answer.status(), 0);
		try (var body = exchange.getResponseBody()) {
			body.write(new byte[4096]);
			body.flush();
			for (int i = 0; i < 300; i++) {
				Thread.sleep(100);
				body.write('x');
				body.flush();
			}
		}
		catch (IOException e) {
			// the client hung up: what the test wants
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
