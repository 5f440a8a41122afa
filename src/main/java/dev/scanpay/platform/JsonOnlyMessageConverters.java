package dev.scanpay.platform;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters.ServerBuilder;
import org.springframework.stereotype.Component;

/**
 * Keeps XML out of Spring MVC's content negotiation. Jackson's XML module is on the classpath for the WeChat
 * Pay codec, and with it MVC would answer in XML whenever the {@code Accept} header ranks XML above other types,
 * as browsers' headers do ({@code application/xml;q=0.9} before the wildcard's {@code q=0.8}), problem details
 * included. The JSON API answers JSON; WeChat's XML is read and written by the
 * {@code wechat} module's own codec, never by a message converter.
 */
@Component
class JsonOnlyMessageConverters implements ServerHttpMessageConvertersCustomizer {

	@Override
	public void customize(ServerBuilder builder) {
		builder.configureMessageConvertersList(
				converters -> converters.removeIf(JsonOnlyMessageConverters::writesXml));
	}

	private static boolean writesXml(HttpMessageConverter<?> converter) {
		return converter.getSupportedMediaTypes()
			.stream()
			.anyMatch(type -> "xml".equals(type.getSubtype()) || type.getSubtype().endsWith("+xml"));
	}
}
