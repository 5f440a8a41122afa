package dev.scanpay.refund;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * What a storefront sends to refund (part of) an order's payment.
 *
 * @param amountFen the amount to pay back, in fen: WeChat's {@code refund_fee}, a 32-bit integer
 * @param reason shown to the payer by WeChat ({@code refund_desc}, at most 80 bytes); optional
 * @param returnedItems the goods that came back, if any: their stock returns once the refund succeeds
 */
record NewRefund(
		@NotNull @Positive @Max(Integer.MAX_VALUE) Long amountFen,
		@Utf8Size(max = MAX_REASON_BYTES)
		@Pattern(regexp = "[^\\p{Cc}\\x{10000}-\\x{10FFFF}]*",
				message = "must have no control characters and no characters beyond the Basic Multilingual Plane")
		@Nullable String reason,
		@Size(max = MAX_RETURNED_ITEMS) @Nullable List<@Valid @NotNull Line> returnedItems) {

	static final int MAX_REASON_BYTES = 80;
	static final int MAX_RETURNED_ITEMS = 50;
	static final int MAX_QUANTITY = 999;

	record Line(@NotNull @Positive Long skuId, @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity) {
	}

	NewRefund {
		reason = reason == null || reason.isBlank() ? null : reason;
		returnedItems = returnedItems == null ? List.of() : returnedItems;
	}

	List<ReturnedItem> items() {
		return returnedItems.stream().map(line -> new ReturnedItem(line.skuId(), line.quantity())).toList();
	}

	/**
	 * A digest of what the request asks of which order, to tell a retry from another request under the same
	 * Idempotency-Key. The order of the returned goods does not matter.
	 */
	String fingerprint(String orderId) {
		var goods = returnedItems.stream()
			.sorted(Comparator.comparing(Line::skuId))
			.map(line -> line.skuId() + "x" + line.quantity())
			.collect(Collectors.joining(","));
		var canonical = String.join("\n", orderId, String.valueOf(amountFen), reason == null ? "" : reason, goods);
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every Java runtime has SHA-256", e);
		}
	}
}
