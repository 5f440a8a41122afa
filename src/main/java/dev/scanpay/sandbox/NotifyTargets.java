package dev.scanpay.sandbox;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where the emulator may post a notification: to a host listed in {@code scanpay.sandbox.notify-hosts}, or
 * to a loopback address, never elsewhere, so that a notify_url cannot make it call into the network it runs
 * in. A host name that is not listed counts as loopback only if every address it resolves to is, and the
 * notification then goes to that address itself: a second lookup, which could answer otherwise, never
 * happens.
 */
class NotifyTargets {

	/** Looks a host name up, as {@link InetAddress#getAllByName(String)} does. */
	@FunctionalInterface
	interface Resolver {

		InetAddress[] resolve(String host) throws UnknownHostException;
	}

	private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

	private final Set<String> hosts;
	private final Resolver resolver;

	NotifyTargets(Collection<String> hosts, Resolver resolver) {
		this.hosts = hosts.stream().map(host -> host.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
		this.resolver = resolver;
	}

	/**
	 * @return the URL to post to, or nothing if the emulator must not send there
	 */
	Optional<URI> target(URI notifyUrl) {
		var host = notifyUrl.getHost();
		if (host == null || !("http".equals(notifyUrl.getScheme()) || "https".equals(notifyUrl.getScheme()))) {
			return Optional.empty();
		}
		if (hosts.contains(host.toLowerCase(Locale.ROOT))) {
			return Optional.of(notifyUrl);
		}
		boolean literal = host.startsWith("[") || IPV4_LITERAL.matcher(host).matches();
		InetAddress[] addresses;
		try {
			addresses = resolver.resolve(literal && host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
		}
		catch (UnknownHostException e) {
			return Optional.empty();
		}
		if (addresses.length == 0 || !Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress)) {
			return Optional.empty();
		}
		return Optional.of(literal ? notifyUrl : at(notifyUrl, addresses[0]));
	}

	private static URI at(URI url, InetAddress address) {
		var host = address.getHostAddress();
		return URI.create(url.getScheme() + "://" + (url.getRawUserInfo() == null ? "" : url.getRawUserInfo() + "@")
				+ (host.contains(":") ? "[" + host + "]" : host) + (url.getPort() == -1 ? "" : ":" + url.getPort())
				+ url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
	}
}
