package dev.scanpay.refund;

import dev.scanpay.wechat.WeChatPayClient;

import org.springframework.stereotype.Component;

/**
 * With refunds on, refuses to start without a usable merchant API client certificate, which WeChat requires of
 * every refund: better no start than refunds that all fail.
 */
@Component
class RefundStartCheck {

	RefundStartCheck(RefundProperties properties, WeChatPayClient wechat) {
		if (properties.enabled()) {
			wechat.requireClientCertificate();
		}
	}
}
