package dev.scanpay.sandbox;

import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * What the emulator does wrong on purpose, for one trade or for all trades without faults of their own.
 *
 * @param dropNotification never send the payment notification (only orderquery can find the payment)
 * @param copies send the notification this many times, each retried on its own until answered SUCCESS
 * @param concurrent send the copies at the same moment instead of one second apart
 * @param delayMillis wait this long after the payment before the first attempt
 * @param corruptSignature send a signature that does not match
 * @param amountDelta add this to {@code total_fee} and {@code cash_fee} of the notifications and orderquery
 * answers, signed validly, as if WeChat reported another amount
 * @param systemErrors answer this many of the next API calls about the trade with {@code SYSTEMERROR}
 * @param omitFromBill leave the paid trade out of the daily bill, as if WeChat had no record of it
 * @param billAmountDelta add this (in fen) to the trade's amounts in the daily bill
 */
@Embeddable
record Faults(
		boolean dropNotification,
		@Min(1) @Max(100) int copies,
		boolean concurrent,
		@PositiveOrZero long delayMillis,
		boolean corruptSignature,
		long amountDelta,
		@PositiveOrZero int systemErrors,
		boolean omitFromBill,
		long billAmountDelta) {

	static final Faults NONE = new Faults(false, 1, false, 0, false, 0, 0, false, 0);

	/**
	 * Reads faults from JSON, where every field left out means "no such fault".
	 */
	@JsonCreator
	static Faults of(@Nullable Boolean dropNotification, @Nullable Integer copies, @Nullable Boolean concurrent,
			@Nullable Long delayMillis, @Nullable Boolean corruptSignature, @Nullable Long amountDelta,
			@Nullable Integer systemErrors, @Nullable Boolean omitFromBill, @Nullable Long billAmountDelta) {
		return new Faults(Boolean.TRUE.equals(dropNotification), copies == null ? 1 : copies,
				Boolean.TRUE.equals(concurrent), delayMillis == null ? 0 : delayMillis,
				Boolean.TRUE.equals(corruptSignature), amountDelta == null ? 0 : amountDelta,
				systemErrors == null ? 0 : systemErrors, Boolean.TRUE.equals(omitFromBill),
				billAmountDelta == null ? 0 : billAmountDelta);
	}
}
