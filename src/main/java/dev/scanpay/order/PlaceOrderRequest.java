package dev.scanpay.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a storefront sends to place an order. The amount is never part of it: prices come from the catalogue.
 */
record PlaceOrderRequest(
		@NotBlank @Size(max = 64) String username,
		@NotEmpty @Size(max = MAX_LINES) List<@Valid @NotNull Line> items,
		@NotNull PayType payType) {

	static final int MAX_LINES = 50;
	static final int MAX_QUANTITY = 999;

	record Line(@NotNull @Positive Long skuId, @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity) {
	}

	/**
	 * A digest of the request's content, to tell a retry of it from a different request under the same
	 * Idempotency-Key.
	 */
	String fingerprint() {
		var canonical = username + '\n' + payType + '\n'
				+ items.stream().map(line -> line.skuId() + "x" + line.quantity()).collect(Collectors.joining(","));
		try {
			var digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every Java runtime has SHA-256", e);
		}
	}
}
