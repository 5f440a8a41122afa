package dev.scanpay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotifyClientTests {

	HttpServer server;

	ExecutorService handlers = Executors.newCachedThreadPool();

	List<String> paths = new CopyOnWriteArrayList<>();

	NotifyClient client = new NotifyClient(Duration.ofSeconds(1), 4);

	@BeforeEach
	void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setExecutor(handlers);
		server.createContext("/", this::answer);
		server.start();
	}

	@AfterEach
	void stop() {
		client.close();
		server.stop(0);
		handlers.shutdownNow();
	}

	@Test
	void postsTheNotificationAsXml() throws IOException {
		var answer = client.post(url("/notify"), "<xml><return_code>SUCCESS</return_code></xml>");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(new String(answer.body(), StandardCharsets.UTF_8))
			.isEqualTo("text/xml; charset=UTF-8 <xml><return_code>SUCCESS</return_code></xml>");
	}

	@Test
	void postsToANotifyUrlWithUserInfo() throws IOException {
		var url = URI.create("http://merchant:secret@127.0.0.1:" + server.getAddress().getPort() + "/notify");

		assertThat(client.post(url, "<xml/>").status()).isEqualTo(200);
		assertThat(paths).containsExactly("/notify");
	}

	@Test
	void cutsOffAnAnswerThatTricklesPastTheTimeout() {
		var started = System.nanoTime();

		assertThatThrownBy(() -> client.post(url("/trickle"), "<xml/>")).isInstanceOf(SocketTimeoutException.class)
			.hasMessage("No answer within 1000 ms");
		// Well before the 4 s the answer would take to trickle in whole, with room for a busy machine.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3_000));
	}

	@Test
	void doesNotFollowRedirects() throws IOException {
		var answer = client.post(url("/moved"), "<xml/>");

		assertThat(answer.status()).isEqualTo(302);
		assertThat(paths).containsExactly("/moved");
	}

	private URI url(String path) {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
	}

	/** Echoes the content type and body; "/trickle" answers a byte every 200 ms for 4 s; "/moved" redirects. */
	private void answer(HttpExchange exchange) throws IOException {
		try (exchange) {
			var path = exchange.getRequestURI().getPath();
			paths.add(path);
			var body = exchange.getRequestBody().readAllBytes();
			switch (path) {
				case "/trickle" -> trickle(exchange);
				case "/moved" -> {
					exchange.getResponseHeaders().add("Location", url("/notify").toString());
					exchange.sendResponseHeaders(302, -1);
				}
				default -> {
					var echo = (exchange.getRequestHeaders().getFirst("Content-Type") + " "
							+ new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
					exchange.sendResponseHeaders(200, echo.length);
					exchange.getResponseBody().write(echo);
				}
			}
		}
	}

	private static void trickle(HttpExchange exchange) throws IOException {
		exchange.sendResponseHeaders(200, 0);
		try {
			for (var i = 0; i < 20; i++) {
				exchange.getResponseBody().write('x');
				exchange.getResponseBody().flush();
				Thread.sleep(200);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
