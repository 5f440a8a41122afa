package dev.scanpay.security;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Whom an API call is made for: the storefront whose key it carries, or the operator. Everything a storefront
 * creates belongs to its tenant, and only it reaches it; an operator reaches every tenant's. A controller takes
 * it as {@code @AuthenticationPrincipal Tenant}. It holds the key's name, never the key.
 *
 * @param name the key's name ({@code name:secret}); {@code default} for a storefront key configured without a
 * name, {@code admin} for such an admin key
 * @param operator whether the key is an admin key, which reaches every tenant's orders
 */
public record Tenant(String name, boolean operator) implements AuthenticatedPrincipal {

	/**
	 * Whether this caller may see or act on what tenant {@code owner} created.
	 */
	public boolean reaches(String owner) {
		return operator || name.equals(owner);
	}

	@Override
	public String getName() {
		return name;
	}
}
