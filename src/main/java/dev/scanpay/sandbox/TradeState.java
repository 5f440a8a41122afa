package dev.scanpay.sandbox;

/**
 * The {@code trade_state}s the emulator produces for Native payments.
 */
enum TradeState {
	NOTPAY("未支付"), SUCCESS("支付成功"), CLOSED("已关闭"), PAYERROR("支付失败");

	private final String description;

	TradeState(String description) {
		this.description = description;
	}

	String description() {
		return description;
	}
}
