package dev.scanpay.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <key>} against the configured keys. A request without a key, or
 * with one that is not configured, stays anonymous: the authorization rules then answer 401 where a key is
 * due. The key itself goes nowhere: the security context holds the {@link Tenant} the key stands for, and its
 * role.
 */
class BearerKeyFilter extends OncePerRequestFilter {

	private static final String BEARER = "bearer ";

	private final ApiKeys keys;

	BearerKeyFilter(ApiKeys keys) {
		this.keys = keys;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			keys.callerOf(header.substring(BEARER.length()).strip()).ifPresent(caller -> {
				var authorities = caller.role() == ApiKeys.Role.ADMIN
						? AuthorityUtils.createAuthorityList("ROLE_API", "ROLE_ADMIN")
						: AuthorityUtils.createAuthorityList("ROLE_API");
				var context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
				var tenant = new Tenant(caller.name(), caller.role() == ApiKeys.Role.ADMIN);
				context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(tenant, null,
						List.copyOf(authorities)));
				SecurityContextHolder.getContextHolderStrategy().setContext(context);
			});
		}
		chain.doFilter(request, response);
	}
}
