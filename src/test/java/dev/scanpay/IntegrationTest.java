package dev.scanpay;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole application on a random port against the real PostgreSQL, Redis and RabbitMQ, with the WeChat
 * emulator on and its notification retries 100 times faster than WeChat's. Every test class using it
 * shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"scanpay.sandbox.enabled=true",
		"scanpay.sandbox.time-factor=0.01",
		"scanpay.sandbox.notify-timeout=2s",
		"scanpay.sandbox.delivery-interval=50ms" })
@AutoConfigureMockMvc
public @interface IntegrationTest {
}
