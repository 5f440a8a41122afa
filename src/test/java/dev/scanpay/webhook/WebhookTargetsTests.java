package dev.scanpay.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WebhookTargetsTests {

	/** A name server under the test's control. */
	private static WebhookTargets targets(boolean allowHttp, List<String> allowedHosts,
			Map<String, String> addresses) {
		var properties = new WebhookProperties(null, allowHttp, allowedHosts, Duration.ofSeconds(10),
				Duration.ofSeconds(1), 8, Duration.ofSeconds(10), Duration.ofHours(6), Duration.ofDays(3),
				Duration.ofHours(24), 16, false, Duration.ofDays(90), Duration.ofHours(1));
		return new WebhookTargets(properties, host -> {
			var address = addresses.get(host);
			if (address == null) {
				throw new UnknownHostException(host);
			}
			return new InetAddress[] { InetAddress.getByName(address) };
		});
	}

	@Test
	void takesAnHttpsUrlOfAPublicHost() {
		var targets = targets(false, List.of(), Map.of("shop.example", "93.184.216.34"));

		assertThat(targets.check("https://shop.example/hooks/scanpay").toString())
			.isEqualTo("https://shop.example/hooks/scanpay");
	}

	@Test
	void refusesPlainHttpUnlessAllowed() {
		var addresses = Map.of("shop.example", "93.184.216.34");

		assertThatExceptionOfType(InvalidWebhookException.class)
			.isThrownBy(() -> targets(false, List.of(), addresses).check("http://shop.example/hook"))
			.withMessageContaining("https");
		assertThat(targets(true, List.of(), addresses).check("http://shop.example/hook")).hasScheme("http");
	}

	@Test
	void refusesUserInfoFragmentsAndOtherSchemes() {
		var targets = targets(false, List.of(), Map.of("shop.example", "93.184.216.34"));

		for (var url : List.of("https://user:secret@shop.example/hook", "https://shop.example/hook#part",
				"ftp://shop.example/hook", "file:///etc/passwd", "https:///hook", "not a url")) {
			assertThatExceptionOfType(InvalidWebhookException.class).as(url).isThrownBy(() -> targets.check(url));
		}
	}

	@Test
	void refusesANameThatResolvesToAPrivateAddress() {
		var targets = targets(false, List.of(), Map.of("intranet.example", "10.1.2.3", "metadata.example",
				"169.254.169.254", "mapped.example", "::ffff:192.168.0.1"));

		for (var host : List.of("intranet.example", "metadata.example", "mapped.example", "nowhere.example")) {
			assertThatExceptionOfType(InvalidWebhookException.class).as(host)
				.isThrownBy(() -> targets.check("https://" + host + "/hook"));
		}
	}

	@Test
	void refusesAtConnectionTimeANameThatNowResolvesToAPrivateAddress() throws Exception {
		var addresses = new java.util.HashMap<>(Map.of("rebinding.example", "93.184.216.34"));
		var targets = targets(false, List.of(), addresses);
		targets.check("https://rebinding.example/hook");

		addresses.put("rebinding.example", "127.0.0.1");

		assertThatExceptionOfType(UnknownHostException.class).isThrownBy(() -> targets.resolve("rebinding.example"))
			.withMessageContaining("may not reach");
	}

	@Test
	void letsAnAllowedHostResolveToLoopback() throws Exception {
		var targets = targets(true, List.of("localhost"), Map.of("localhost", "127.0.0.1"));

		assertThat(targets.resolve("localhost")).containsExactly(InetAddress.getByName("127.0.0.1"));
	}

	@Test
	void tellsPublicFromInternalAddresses() throws Exception {
		for (var internal : List.of("0.0.0.0", "10.0.0.1", "100.64.0.1", "127.0.0.1", "169.254.1.1", "172.16.0.1",
				"172.31.255.255", "192.168.0.1", "224.0.0.1", "255.255.255.255", "192.0.0.8", "192.0.2.1",
				"198.18.0.1", "198.51.100.1", "203.0.113.1", "::", "::1", "fe80::1", "fd12::1", "fec0::1",
				"::ffff:10.0.0.1", "::ffff:127.0.0.1", "64:ff9b::10.0.0.1", "64:ff9b::127.0.0.1", "64:ff9b:1::1",
				"2002:0a00:0001::1", "2002:7f00:0001::1", "2001:0:4136:e378::1", "2001:db8::1")) {
			assertThat(WebhookTargets.isPublic(InetAddress.getByName(internal))).as(internal).isFalse();
		}
		for (var external : List.of("1.1.1.1", "93.184.216.34", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
				"64:ff9b::5db8:d822", "2002:5db8:d822::1")) {
			assertThat(WebhookTargets.isPublic(InetAddress.getByName(external))).as(external).isTrue();
		}
	}
}
