package dev.scanpay.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param listenerShutdownTimeout how long a RabbitMQ consumer may take, at shutdown, to finish the message in
 * hand (see {@link ListenerShutdown})
 */
@ConfigurationProperties("scanpay.messaging")
record MessagingProperties(@DefaultValue("15s") Duration listenerShutdownTimeout) {
}
