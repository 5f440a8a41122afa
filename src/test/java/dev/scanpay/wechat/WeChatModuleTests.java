package dev.scanpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The wechat module alone, which depends on no other, with the placeholder credentials of local runs: the
 * client is wired from {@code application.yaml}. A context of its own beside the whole application's, so it
 * keeps only a few database connections (the shared platform module's outbox upkeep uses them).
 */
@ApplicationModuleTest
@TestPropertySource(properties = { "scanpay.wechat.allow-placeholder-credentials=true",
		"spring.datasource.hikari.maximum-pool-size=2" })
class WeChatModuleTests {

	@Autowired
	WeChatPayClient client;

	@Autowired
	WeChatProperties properties;

	@Test
	void wiresTheClientFromTheApplicationSettings() {
		assertThat(client).isNotNull();
		assertThat(properties.appId()).isEqualTo(WeChatProperties.PLACEHOLDER_APP_ID);
		assertThat(properties.mchId()).isEqualTo(WeChatProperties.PLACEHOLDER_MCH_ID);
		assertThat(properties.apiKey()).isEqualTo(WeChatProperties.PLACEHOLDER_API_KEY);
		assertThat(properties.signType()).isEqualTo(SignType.MD5);
		assertThat(properties.notifyUrl()).isNotNull();
	}

	@Test
	void startsNoBeanOfAnotherModuleButTheSharedPlatform(@Autowired ConfigurableApplicationContext context) {
		var beanFactory = context.getBeanFactory();
		var modules = Arrays.stream(beanFactory.getBeanDefinitionNames())
			.map(beanFactory::getType)
			.filter(Objects::nonNull)
			.map(Class::getPackageName)
			.filter(name -> name.startsWith("dev.scanpay."))
			.map(name -> name.split("\\.")[2])
			.distinct();

		assertThat(modules).contains("wechat").allMatch(module -> module.equals("wechat") || module.equals("platform"));
	}
}
