package dev.scanpay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NotifyTargetsTests {

	/** A resolver that knows these names only, as DNS could answer them. */
	private static final Map<String, List<String>> DNS = Map.of(
			"localhost", List.of("127.0.0.1", "::1"),
			"loopback.example", List.of("127.0.0.2"),
			"shop.example", List.of("203.0.113.10"),
			"rebinding.example", List.of("127.0.0.1", "10.0.0.7"),
			"metadata.example", List.of("169.254.169.254"));

	private final NotifyTargets targets = new NotifyTargets(List.of("Shop.Example"), NotifyTargetsTests::resolve);

	@Test
	void sendsToLoopbackAddresses() {
		assertThat(targets.target(URI.create("http://127.0.0.1:8080/wechat/pay/notify")))
			.contains(URI.create("http://127.0.0.1:8080/wechat/pay/notify"));
		assertThat(targets.target(URI.create("http://[::1]:8080/notify"))).contains(URI.create("http://[::1]:8080/notify"));
	}

	@Test
	void sendsToTheLoopbackAddressANameResolvedToWithoutAskingTheResolverAgain() {
		assertThat(targets.target(URI.create("http://localhost:8080/wechat/pay/notify")))
			.contains(URI.create("http://127.0.0.1:8080/wechat/pay/notify"));
		assertThat(targets.target(URI.create("http://loopback.example/notify")))
			.contains(URI.create("http://127.0.0.2/notify"));
	}

	@Test
	void sendsToListedHostsWhateverTheirCase() {
		assertThat(targets.target(URI.create("https://shop.example/wechat/pay/notify")))
			.contains(URI.create("https://shop.example/wechat/pay/notify"));
	}

	@Test
	void refusesEveryOtherHost() {
		assertThat(targets.target(URI.create("http://10.0.0.7/notify"))).isEmpty();
		assertThat(targets.target(URI.create("http://169.254.169.254/latest/meta-data"))).isEmpty();
		assertThat(targets.target(URI.create("http://metadata.example/notify"))).isEmpty();
		assertThat(targets.target(URI.create("http://unknown.example/notify"))).isEmpty();
		assertThat(targets.target(URI.create("http://0.0.0.0:8080/notify"))).isEmpty();
	}

	@Test
	void refusesANameThatResolvesToLoopbackAndToAnotherAddress() {
		assertThat(targets.target(URI.create("http://rebinding.example/notify"))).isEmpty();
	}

	@Test
	void refusesAUrlThatIsNotHttp() {
		assertThat(targets.target(URI.create("file:///etc/passwd"))).isEmpty();
		assertThat(targets.target(URI.create("gopher://127.0.0.1:6379/_FLUSHALL"))).isEmpty();
	}

	private static InetAddress[] resolve(String host) throws UnknownHostException {
		var addresses = DNS.get(host);
		if (addresses == null) {
			if (host.matches("[0-9.]+|.*:.*")) {
				return new InetAddress[] { InetAddress.getByName(host) };
			}
			throw new UnknownHostException(host);
		}
		var resolved = new InetAddress[addresses.size()];
		for (int i = 0; i < resolved.length; i++) {
			resolved[i] = InetAddress.getByAddress(host, InetAddress.getByName(addresses.get(i)).getAddress());
		}
		return resolved;
	}
}
