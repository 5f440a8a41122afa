package dev.scanpay.wechat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.jspecify.annotations.Nullable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * A loopback HTTP server standing in for WeChat: it records each request and answers with whatever the test
 * set for the next requests. {@link #withClientCertificates} serves HTTPS and requires a client certificate,
 * as WeChat's {@code /secapi} does.
 */
final class FakeWeChat implements AutoCloseable {

	/**
	 * @param clientCertificate the subject of the certificate the client presented, over HTTPS
	 */
	record Request(String method, String path, String contentType, byte[] body, Map<String, String> fields,
			@Nullable String clientCertificate) {
	}

	record Answer(int status, byte[] body, long delayMillis, Map<String, String> headers) {

		Answer(int status, byte[] body, long delayMillis) {
			this(status, body, delayMillis, Map.of());
		}

		static Answer xml(String xml) {
			return new Answer(200, xml.getBytes(StandardCharsets.UTF_8), 0);
		}

		static Answer of(int status, String body) {
			return new Answer(status, body.getBytes(StandardCharsets.UTF_8), 0);
		}

		Answer delayedBy(long millis) {
			return new Answer(status, body, millis, headers);
		}

		Answer withHeader(String name, String value) {
			var withHeader = new HashMap<>(headers);
			withHeader.put(name, value);
			return new Answer(status, body, delayMillis, withHeader);
		}
	}

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private volatile Function<Request, Answer> answers = request -> Answer.of(500, "no answer set");

	FakeWeChat(String prefix) throws IOException {
		this(prefix, HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
	}

	private FakeWeChat(String prefix, HttpServer server) {
		this.server = server;
		server.setExecutor(executor);
		server.createContext(prefix.isEmpty() ? "/" : prefix, this::handle);
		server.start();
	}

	/**
	 * Over HTTPS with the given server certificate, refusing the TLS handshake to clients without a certificate
	 * its trust store trusts.
	 */
	static FakeWeChat withClientCertificates(String prefix, SSLContext tls) throws IOException {
		var server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(tls) {

			@Override
			public void configure(HttpsParameters parameters) {
				var ssl = tls.getDefaultSSLParameters();
				ssl.setNeedClientAuth(true);
				parameters.setSSLParameters(ssl);
			}
		});
		return new FakeWeChat(prefix, server);
	}

	URI baseUrl(String prefix) {
		var scheme = server instanceof HttpsServer ? "https" : "http";
		return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + prefix);
	}

	void answer(Function<Request, Answer> answers) {
		this.answers = answers;
	}

	List<Request> requests() {
		return requests;
	}

	Request lastRequest() {
		return requests.get(requests.size() - 1);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			var body = exchange.getRequestBody().readAllBytes();
			Map<String, String> fields;
			try {
				fields = WeChatXml.parse(body);
			}
			catch (WeChatXmlException e) {
				fields = Map.of();
			}
			var request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")), body, fields,
					clientCertificate(exchange));
			requests.add(request);
			var answer = answers.apply(request);
			if (answer.delayMillis() > 0) {
				Thread.sleep(answer.delayMillis());
			}
			answer.headers().forEach(exchange.getResponseHeaders()::add);
			exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
			exchange.getResponseBody().write(answer.body());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (IOException e) {
			// the client gave up, as timeout tests make it do
		}
	}

	private static @Nullable String clientCertificate(HttpExchange exchange) {
		if (!(exchange instanceof HttpsExchange https)) {
			return null;
		}
		try {
			var certificate = (X509Certificate) https.getSSLSession().getPeerCertificates()[0];
			return certificate.getSubjectX500Principal().getName();
		}
		catch (SSLPeerUnverifiedException e) {
			return null;
		}
	}

	@Override
	public void close() {
		server.stop(0);
		executor.shutdownNow();
	}
}
