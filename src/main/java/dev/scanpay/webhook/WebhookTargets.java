package dev.scanpay.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.hc.client5.http.DnsResolver;

/**
 * Where webhooks may go, so that an endpoint cannot make the application call into the network it runs in (SSRF):
 * {@code https} URLs only (also {@code http} with {@code scanpay.webhooks.allow-http}), without user info, whose
 * host resolves to public addresses only: no loopback, link-local, private (RFC 1918, unique local), shared (RFC
 * 6598), unspecified, multicast or reserved address. Hosts in {@code scanpay.webhooks.allowed-hosts} are exempt.
 * <p>
 * The check runs when an endpoint is registered, and again as the {@link DnsResolver} of every connection, so
 * that a name that resolved to a public address then and to a private one now (DNS rebinding) gets no connection.
 */
class WebhookTargets implements DnsResolver {

	/** Looks a host name up, as {@link InetAddress#getAllByName(String)} does. */
	@FunctionalInterface
	interface Resolver {

		InetAddress[] resolve(String host) throws UnknownHostException;
	}

	private static final int LONGEST_URL = 2048;

	private final boolean allowHttp;
	private final Set<String> allowedHosts;
	private final Resolver resolver;

	WebhookTargets(WebhookProperties properties, Resolver resolver) {
		this.allowHttp = properties.allowHttp();
		this.allowedHosts = properties.allowedHosts().stream().map(WebhookTargets::normalized)
			.collect(Collectors.toUnmodifiableSet());
		this.resolver = resolver;
	}

	/**
	 * @return the URL, checked
	 * @throws InvalidWebhookException saying what is wrong with it
	 */
	URI check(String url) {
		if (url.length() > LONGEST_URL) {
			throw new InvalidWebhookException("The URL is longer than " + LONGEST_URL + " characters");
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException e) {
			throw new InvalidWebhookException("Not a URL: " + e.getMessage());
		}
		var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
			throw new InvalidWebhookException("Only https URLs can receive webhooks");
		}
		if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
			throw new InvalidWebhookException("The URL needs a host, and may have neither user info nor a fragment");
		}
		try {
			resolve(uri.getHost());
		}
		catch (UnknownHostException e) {
			throw new InvalidWebhookException(e.getMessage());
		}
		return uri;
	}

	/**
	 * The host's addresses, if all of them are public or the host is allowed.
	 *
	 * @throws UnknownHostException if it does not resolve, or resolves to an address webhooks must not reach
	 */
	@Override
	public InetAddress[] resolve(String host) throws UnknownHostException {
		var name = normalized(host);
		InetAddress[] addresses;
		try {
			addresses = resolver.resolve(name);
		}
		catch (UnknownHostException e) {
			throw new UnknownHostException("The host " + name + " does not resolve");
		}
		if (allowedHosts.contains(name)) {
			return addresses;
		}
		var forbidden = Arrays.stream(addresses).filter(address -> !isPublic(address)).findFirst();
		if (addresses.length == 0 || forbidden.isPresent()) {
			throw new UnknownHostException("The host " + name + " resolves to "
					+ forbidden.map(InetAddress::getHostAddress).orElse("nothing") + ", which webhooks may not reach");
		}
		return addresses;
	}

	@Override
	public String resolveCanonicalHostname(String host) {
		return host;
	}

	private static String normalized(String host) {
		var name = host.strip().toLowerCase(Locale.ROOT);
		return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
	}

	static boolean isPublic(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			return isPublicIpv4(bytes);
		}
		if (address instanceof Inet6Address) {
			boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc;
			boolean embedsIpv4 = isZero(bytes, 0, 10) && ((bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff)
					|| (bytes[10] == 0 && bytes[11] == 0));
			if (embedsIpv4) {
				return isPublicIpv4(Arrays.copyOfRange(bytes, 12, 16));
			}
			return !uniqueLocal;
		}
		return false;
	}

	private static boolean isPublicIpv4(byte[] bytes) {
		int first = bytes[0] & 0xff;
		int second = bytes[1] & 0xff;
		boolean thisNetwork = first == 0;
		boolean privateRange = first == 10 || (first == 172 && second >= 16 && second < 32)
				|| (first == 192 && second == 168);
		boolean shared = first == 100 && second >= 64 && second < 128;
		boolean loopback = first == 127;
		boolean linkLocal = first == 169 && second == 254;
		boolean reserved = first >= 224;
		return !(thisNetwork || privateRange || shared || loopback || linkLocal || reserved);
	}

	private static boolean isZero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}
}
