package dev.scanpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import com.sun.net.httpserver.HttpServer;

import dev.scanpay.platform.PooledHttpClients;
import dev.scanpay.wechat.FakeWeChat.Answer;

/**
 * How a call goes over the wire: sent once, never redirected or repeated, not failed by a pooled connection the
 * server has closed, and read no further than the answer's size limit.
 */
class WeChatTransportTests {

	static final String PREFIX = "/sandbox";

	static final String UNIFIED_ORDER = "/pay/unifiedorder";

	static final byte[] REQUEST = "<xml><out_trade_no>T1</out_trade_no></xml>".getBytes(StandardCharsets.UTF_8);

	static final String ANSWER = "<xml><return_code>SUCCESS</return_code></xml>";

	FakeWeChat wechat;

	WeChatTransport transport;

	@BeforeEach
	void start() throws IOException {
		wechat = new FakeWeChat(PREFIX);
		transport = WeChatTransport.plain(properties(wechat.baseUrl(PREFIX), Duration.ofSeconds(5)));
	}

	@AfterEach
	void stop() {
		transport.close();
		wechat.close();
	}

	@Test
	void doesNotFollowRedirects() {
		wechat.answer(request -> request.path().endsWith(UNIFIED_ORDER)
				? Answer.of(302, "").withHeader("Location", wechat.baseUrl(PREFIX + "/elsewhere").toString())
				: Answer.xml(ANSWER));

		assertThatThrownBy(this::post).isInstanceOf(WeChatRequestRejectedException.class)
			.hasMessageContaining("HTTP 302");
		assertThat(wechat.requests()).extracting(FakeWeChat.Request::path).containsExactly(PREFIX + UNIFIED_ORDER);
	}

	@Test
	void sendsARequestThatTimedOutOnlyOnce() {
		transport.close();
		transport = WeChatTransport.plain(properties(wechat.baseUrl(PREFIX), Duration.ofMillis(300)));
		wechat.answer(request -> Answer.xml(ANSWER).delayedBy(1_000));

		assertThatThrownBy(this::post).isInstanceOf(WeChatPayUnavailableException.class);
		await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3))
			.until(() -> wechat.requests().size() == 1);
	}

	@Test
	void sendsARequestAnsweredServiceUnavailableOnlyOnce() {
		wechat.answer(request -> Answer.of(503, "busy").withHeader("Retry-After", "1"));

		assertThatThrownBy(this::post).isInstanceOf(WeChatPayUnavailableException.class)
			.hasMessageContaining("HTTP 503");
		await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3))
			.until(() -> wechat.requests().size() == 1);
	}

	@Test
	void replacesAPooledConnectionTheServerClosed() throws Exception {
		try (var server = new ClosingEachConnection(ANSWER)) {
			transport.close();
			transport = WeChatTransport.plain(properties(server.baseUrl(), Duration.ofSeconds(5)));

			assertThat(post()).asString(StandardCharsets.UTF_8).isEqualTo(ANSWER);
			Thread.sleep(PooledHttpClients.CHECK_AFTER_IDLE.toMilliseconds() + 200);

			assertThat(post()).asString(StandardCharsets.UTF_8).isEqualTo(ANSWER);
			assertThat(server.connections()).isEqualTo(2);
		}
	}

	@Test
	void stopsReadingAnOverlongAnswerAtTheLimit() throws Exception {
		var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", exchange -> {
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(200, 100_000_000);
			exchange.getResponseBody().write(new byte[WeChatXml.MAX_BODY_BYTES * 2]);
			exchange.getResponseBody().flush();
			pause(Duration.ofSeconds(10));
		});
		var handlers = Executors.newCachedThreadPool();
		server.setExecutor(handlers);
		server.start();
		try {
			transport.close();
			transport = WeChatTransport.plain(properties(
					URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5)));
			var started = System.nanoTime();

			assertThat(post()).hasSize(WeChatXml.MAX_BODY_BYTES + 1);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		}
		finally {
			server.stop(0);
			handlers.shutdownNow();
		}
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private byte[] post() {
		return transport.post("unifiedorder", UNIFIED_ORDER, REQUEST, WeChatXml.MAX_BODY_BYTES);
	}

	private static WeChatProperties properties(URI baseUrl, Duration readTimeout) {
		return new WeChatProperties(WeChatPayClientTests.APP_ID, WeChatPayClientTests.MCH_ID, WeChatPayClientTests.KEY,
				baseUrl, null, WeChatPayClientTests.NOTIFY_URL, null, SignType.MD5, Duration.ofSeconds(1), readTimeout,
				DataSize.ofKilobytes(64), "wechat-merchant", true);
	}

	/**
	 * Answers the first request on each connection and then closes it without saying so ({@code Connection:
	 * close}), as a server does whose idle timeout ends right after an answer.
	 */
	private static final class ClosingEachConnection implements AutoCloseable {

		private final ServerSocket socket;

		private final byte[] response;

		private final AtomicInteger connections = new AtomicInteger();

		private final Thread acceptor;

		ClosingEachConnection(String body) throws IOException {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			var bytes = body.getBytes(StandardCharsets.UTF_8);
			this.response = ("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: " + bytes.length
					+ "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
			this.acceptor = new Thread(this::serve, "closing-each-connection");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		URI baseUrl() {
			return URI.create("http://127.0.0.1:" + socket.getLocalPort());
		}

		int connections() {
			return connections.get();
		}

		private void serve() {
			while (!socket.isClosed()) {
				try (var connection = socket.accept()) {
					connections.incrementAndGet();
					answerOneRequest(connection);
				}
				catch (IOException e) {
					// closed, or the client went away
				}
			}
		}

		private void answerOneRequest(Socket connection) throws IOException {
			var in = connection.getInputStream();
			var contentLength = 0;
			for (var line = readLine(in); !line.isEmpty(); line = readLine(in)) {
				if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
					contentLength = Integer.parseInt(line.substring("content-length:".length()).strip());
				}
			}
			in.readNBytes(contentLength);
			connection.getOutputStream().write(response);
			connection.getOutputStream().flush();
		}

		/** One line of the request head, read byte by byte so that nothing of the body is taken with it. */
		private static String readLine(InputStream in) throws IOException {
			var line = new StringBuilder();
			for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
				if (b != '\r') {
					line.append((char) b);
				}
			}
			return line.toString();
		}

		@Override
		public void close() throws Exception {
			socket.close();
			acceptor.join(1_000);
		}
	}
}
