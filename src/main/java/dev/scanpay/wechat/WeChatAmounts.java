package dev.scanpay.wechat;

/**
 * WeChat's amounts: whole fen, written as 1 to 10 digits without sign, as in {@code total_fee}.
 */
public final class WeChatAmounts {

	private WeChatAmounts() {
	}

	public static boolean isFen(String value) {
		if (value.isEmpty() || value.length() > 10) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}
}
