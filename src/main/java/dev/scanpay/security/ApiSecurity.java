package dev.scanpay.security;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who may call what. Storefront servers call {@code /api/**} with an API key; operators use an admin key,
 * which is also an API key, for the console's API ({@code /api/admin/**}), anomalies, the bill check and every
 * actuator endpoint but health. WeChat's
 * notifications (authenticated by their signature), the emulator (whose beans exist only when it is enabled),
 * the checkout page, the console's page and the API documentation are public. Stateless: no session, no cookie, so no CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

	@Bean
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiKeys keys, Problems problems) {
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.addFilterBefore(new BearerKeyFilter(keys), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(requests -> requests
				.requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
				.requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole("ADMIN")
				.requestMatchers("/actuator", "/actuator/**").hasRole("ADMIN")
				.requestMatchers("/api/admin/**", "/api/anomalies", "/api/anomalies/**", "/api/reconciliation/**")
				.hasRole("ADMIN")
				.requestMatchers("/api/**").hasRole("API")
				.requestMatchers(HttpMethod.POST, "/wechat/pay/notify", "/wechat/refund/notify").permitAll()
				// the local run's demo webhook receiver, which checks the signature itself (absent elsewhere: 404)
				.requestMatchers(HttpMethod.POST, "/demo/webhooks").permitAll()
				.requestMatchers("/sandbox/**").permitAll()
				.requestMatchers("/", "/index.html", "/checkout/**", "/favicon.ico", "/*.css", "/*.js").permitAll()
				// the operator's console: a static page, which calls /api/admin/** with the key it is given
				.requestMatchers("/admin", "/admin/", "/admin/**").permitAll()
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
				.requestMatchers("/error").permitAll()
				.anyRequest().hasRole("API"))
			.exceptionHandling(exceptions -> exceptions
				.authenticationEntryPoint((request, response, e) -> {
					response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
					problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
							"Send a valid key as 'Authorization: Bearer <key>'");
				})
				.accessDeniedHandler((request, response, e) -> problems.write(request, response,
						HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "This needs an admin key")));
		return http.build();
	}

	@Bean
	FilterRegistrationBean<BodyLimitFilter> apiBodyLimit(SecurityProperties properties, Problems problems) {
		var registration = new FilterRegistrationBean<>(
				new BodyLimitFilter((int) properties.maxBodySize().toBytes(), problems));
		registration.addUrlPatterns("/api/*");
		return registration;
	}
}
