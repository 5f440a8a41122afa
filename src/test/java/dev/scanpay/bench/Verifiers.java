package dev.scanpay.bench;

import com.github.binarywang.wxpay.config.WxPayConfig;
import com.github.binarywang.wxpay.service.WxPayService;
import com.github.binarywang.wxpay.service.impl.WxPayServiceImpl;

/**
 * The peers' verifiers, configured for the notification's merchant as their users configure them.
 */
final class Verifiers {

	private Verifiers() {
	}

	/** WxJava for a plain direct merchant signing with MD5, without certificates. */
	static WxPayService wxJava() {
		var config = new WxPayConfig();
		config.setAppId("wx0000000000000000");
		config.setMchId(SignedNotification.MCH_ID);
		config.setMchKey(SignedNotification.KEY);
		config.setSignType("MD5");
		var service = new WxPayServiceImpl();
		service.setConfig(config);
		return service;
	}
}
