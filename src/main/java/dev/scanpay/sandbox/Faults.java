package dev.scanpay.sandbox;

import dev.scanpay.wechat.RefundStatus;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * What the emulator does wrong on purpose, for one trade or for all trades without faults of their own: a row of
 * {@code sandbox_fault}, each component a column of its name in snake case.
 *
 * @param dropNotification never send the payment notification (only orderquery can find the payment)
 * @param copies send the notification this many times, each retried on its own until answered SUCCESS
 * @param concurrent send the copies at the same moment instead of one second apart
 * @param delayMillis wait this long after the payment before the first attempt
 * @param corruptSignature send a signature that does not match
 * @param amountDelta add this to {@code total_fee} and {@code cash_fee} of the notifications and orderquery
 * answers, signed validly, as if WeChat reported another amount
 * @param systemErrors answer this many of the next API calls about the trade with {@code SYSTEMERROR}
 * @param omitFromBill leave the paid trade and its refunds out of the daily bill, as if WeChat had no record of them
 * @param billAmountDelta add this (in fen) to the trade's amounts and to each of its refunds' in the daily bill
 * @param refundSystemErrors answer this many of the next refund calls about the trade with {@code SYSTEMERROR},
 * before anything is stored
 * @param refundNotEnough refuse refunds with {@code NOTENOUGH} (the merchant's balance is short) while set
 * @param refundAnswerDelayMillis store the refund, then hold its answer this long: longer than the client's read
 * timeout, the answer is lost
 * @param refundProcessingMillis keep refunds PROCESSING this long (not times the time factor) instead of the
 * configured refund delay
 * @param refundOutcome how refunds end after PROCESSING: SUCCESS, REFUNDCLOSE or CHANGE
 * @param dropRefundNotification never send refund notifications (only refundquery finds the outcome)
 * @param refundNotificationCopies send each refund notification this many times, one second apart
 * @param corruptRefundNotification send a {@code req_info} that does not decrypt
 */
record Faults(
		boolean dropNotification,
		@Min(1) @Max(100) int copies,
		boolean concurrent,
		@PositiveOrZero long delayMillis,
		boolean corruptSignature,
		long amountDelta,
		@PositiveOrZero int systemErrors,
		boolean omitFromBill,
		long billAmountDelta,
		@PositiveOrZero int refundSystemErrors,
		boolean refundNotEnough,
		@PositiveOrZero long refundAnswerDelayMillis,
		@PositiveOrZero long refundProcessingMillis,
		RefundStatus refundOutcome,
		boolean dropRefundNotification,
		@Min(1) @Max(100) int refundNotificationCopies,
		boolean corruptRefundNotification) {

	static final Faults NONE = new Faults(false, 1, false, 0, false, 0, 0, false, 0, 0, false, 0, 0,
			RefundStatus.SUCCESS, false, 1, false);

	/**
	 * Reads faults from JSON, where every field left out means "no such fault".
	 */
	@JsonCreator
	static Faults of(@Nullable Boolean dropNotification, @Nullable Integer copies, @Nullable Boolean concurrent,
			@Nullable Long delayMillis, @Nullable Boolean corruptSignature, @Nullable Long amountDelta,
			@Nullable Integer systemErrors, @Nullable Boolean omitFromBill, @Nullable Long billAmountDelta,
			@Nullable Integer refundSystemErrors, @Nullable Boolean refundNotEnough,
			@Nullable Long refundAnswerDelayMillis, @Nullable Long refundProcessingMillis,
			@Nullable RefundStatus refundOutcome, @Nullable Boolean dropRefundNotification,
			@Nullable Integer refundNotificationCopies, @Nullable Boolean corruptRefundNotification) {
		if (refundOutcome == RefundStatus.PROCESSING) {
			throw new IllegalArgumentException("refundOutcome is SUCCESS, REFUNDCLOSE or CHANGE");
		}
		return new Faults(Boolean.TRUE.equals(dropNotification), copies == null ? 1 : copies,
				Boolean.TRUE.equals(concurrent), delayMillis == null ? 0 : delayMillis,
				Boolean.TRUE.equals(corruptSignature), amountDelta == null ? 0 : amountDelta,
				systemErrors == null ? 0 : systemErrors, Boolean.TRUE.equals(omitFromBill),
				billAmountDelta == null ? 0 : billAmountDelta, refundSystemErrors == null ? 0 : refundSystemErrors,
				Boolean.TRUE.equals(refundNotEnough), refundAnswerDelayMillis == null ? 0 : refundAnswerDelayMillis,
				refundProcessingMillis == null ? 0 : refundProcessingMillis,
				refundOutcome == null ? RefundStatus.SUCCESS : refundOutcome,
				Boolean.TRUE.equals(dropRefundNotification),
				refundNotificationCopies == null ? 1 : refundNotificationCopies,
				Boolean.TRUE.equals(corruptRefundNotification));
	}
}
