package dev.scanpay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the app's WeChat client at the emulator in the same application, which needs the port before the
 * web server starts: so the test application runs on a free port chosen here, and the emulator's TLS connector,
 * where refunds go, on a second one. RabbitMQ is reached through
 * {@link RabbitProxy}, so that tests can take the broker away.
 */
class LocalWeChat implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		int port = freePort();
		int tlsPort = freePort();
		var origin = "http://127.0.0.1:" + port;
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("localWeChat", Map.ofEntries(
				Map.entry("server.port", String.valueOf(port)),
				Map.entry("scanpay.wechat.base-url", origin + "/sandbox"),
				Map.entry("scanpay.sandbox.tls-port", String.valueOf(tlsPort)),
				Map.entry("scanpay.wechat.secapi-base-url", "https://localhost:" + tlsPort + "/sandbox"),
				Map.entry("scanpay.wechat.notify-url", origin + "/wechat/pay/notify"),
				Map.entry("scanpay.wechat.refund-notify-url", origin + "/wechat/refund/notify"),
				Map.entry("scanpay.wechat.allow-placeholder-credentials", "true"),
				Map.entry("spring.rabbitmq.port", String.valueOf(RabbitProxy.instance().port())))));
	}

	private static int freePort() {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
