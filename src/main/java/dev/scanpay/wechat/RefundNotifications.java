package dev.scanpay.wechat;

import java.util.Map;

import org.springframework.stereotype.Component;

/** Reads WeChat's refund notifications (stub: the client side is being written). */
@Component
public class RefundNotifications {

	public RefundNotice read(Map<String, String> fields) {
		throw new UnsupportedOperationException("being written");
	}
}
