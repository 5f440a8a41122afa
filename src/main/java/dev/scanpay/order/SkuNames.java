package dev.scanpay.order;

import java.util.Optional;

/**
 * Which SKU names the catalogue takes: only text every order of the SKU can be paid with. WeChat Pay refuses
 * characters outside the Basic Multilingual Plane (e.g. an emoji) and control characters in what the payer is
 * shown, so a name holding one would leave its orders without a QR code.
 */
final class SkuNames {

	private SkuNames() {
	}

	/**
	 * @return why the name cannot be a SKU's, if it cannot
	 */
	static Optional<String> refusal(String name) {
		if (name.codePoints().anyMatch(c -> Character.isSupplementaryCodePoint(c)
				|| (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))) {
			return Optional.of("holds a character outside the Basic Multilingual Plane (e.g. an emoji)");
		}
		if (name.codePoints().anyMatch(Character::isISOControl)) {
			return Optional.of("holds a control character");
		}
		return Optional.empty();
	}
}
