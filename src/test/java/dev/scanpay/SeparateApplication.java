package dev.scanpay;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application with the properties of {@link IntegrationTest}, started on a port of its own with its own
 * emulator, for tests that stop it, or that need settings the shared test application does not have.
 */
public final class SeparateApplication {

	private SeparateApplication() {
	}

	public static int freePort() throws IOException {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	public static ConfigurableApplicationContext start(int port, List<String> moreProperties, Class<?>... extraBeans) {
		var origin = "http://127.0.0.1:" + port;
		var properties = new ArrayList<>(List.of(IntegrationTest.class.getAnnotation(SpringBootTest.class).properties()));
		properties.addAll(moreProperties);
		properties.addAll(List.of("server.port=" + port, "scanpay.wechat.base-url=" + origin + "/sandbox",
				"scanpay.wechat.notify-url=" + origin + "/wechat/pay/notify",
				"scanpay.wechat.allow-placeholder-credentials=true", "spring.datasource.hikari.maximum-pool-size=5"));
		var sources = new ArrayList<Class<?>>(List.of(ScanpayApplication.class));
		sources.addAll(List.of(extraBeans));
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
			.registerShutdownHook(false)
			.run(properties.stream().map(property -> "--" + property).toArray(String[]::new));
	}
}
