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
 * 6598), unspecified, multicast, reserved, documentation or benchmarking address, nor an IPv6 address carrying
 * such an IPv4 one. Hosts in {@code scanpay.webhooks.allowed-hosts} are exempt.
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
			return isPublicIpv6(bytes);
		}
		return false;
	}

	/**
	 * An IPv6 address that carries an IPv4 one counts as that one: IPv4-mapped and -compatible, NAT64
	 * ({@code 64:ff9b::/96}) and 6to4 ({@code 2002::/16}). Local NAT64 ({@code 64:ff9b:1::/48}), Teredo
	 * ({@code 2001::/32}), unique local ({@code fc00::/7}), site-local and documentation ({@code 2001:db8::/32})
	 * addresses are never public.
	 */
	private static boolean isPublicIpv6(byte[] bytes) {
		int first = ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
		int second = ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
		int third = ((bytes[4] & 0xff) << 8) | (bytes[5] & 0xff);
		boolean mappedOrCompatible = isZero(bytes, 0, 10) && ((bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff)
				|| (bytes[10] == 0 && bytes[11] == 0));
		boolean nat64 = first == 0x64 && second == 0xff9b && isZero(bytes, 4, 12);
		if (mappedOrCompatible || nat64) {
			return isPublicIpv4(Arrays.copyOfRange(bytes, 12, 16));
		}
		if (first == 0x2002) {
			return isPublicIpv4(Arrays.copyOfRange(bytes, 2, 6));
		}
		boolean localNat64 = first == 0x64 && second == 0xff9b && third == 1;
		boolean teredo = first == 0x2001 && second == 0;
		boolean documentation = first == 0x2001 && second == 0x0db8;
		boolean uniqueLocal = (first & 0xfe00) == 0xfc00;
		boolean siteLocal = (first & 0xffc0) == 0xfec0;
		return !(localNat64 || teredo || documentation || uniqueLocal || siteLocal);
	}

	private static boolean isPublicIpv4(byte[] bytes) {
		int first = bytes[0] & 0xff;
		int second = bytes[1] & 0xff;
		int third = bytes[2] & 0xff;
		boolean thisNetwork = first == 0;
		boolean privateRange = first == 10 || (first == 172 && second >= 16 && second < 32)
				|| (first == 192 && second == 168);
		boolean shared = first == 100 && second >= 64 && second < 128;
		boolean loopback = first == 127;
		boolean linkLocal = first == 169 && second == 254;
		boolean protocolAssignments = first == 192 && second == 0 && third == 0;
		boolean documentation = (first == 192 && second == 0 && third == 2) || (first == 198 && second == 51
				&& third == 100) || (first == 203 && second == 0 && third == 113);
		boolean benchmarking = first == 198 && (second == 18 || second == 19);
		boolean reserved = first >= 224;
		return !(thisNetwork || privateRange || shared || loopback || linkLocal || protocolAssignments || documentation
				|| benchmarking || reserved);
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
