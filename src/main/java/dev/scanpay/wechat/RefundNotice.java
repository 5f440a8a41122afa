package dev.scanpay.wechat;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A refund notification, decrypted and checked by {@link RefundNotifications}.
 *
 * @param transactionId WeChat's id of the refunded transaction
 * @param outTradeNo the merchant's order number of the transaction
 * @param refundId WeChat's refund id
 * @param outRefundNo the merchant's refund number
 * @param totalFee the transaction's amount in fen
 * @param refundFee the amount refunded in fen
 * @param status {@link RefundStatus#SUCCESS}, {@link RefundStatus#CHANGE} or {@link RefundStatus#REFUNDCLOSE}
 * @param successTime when the money reached the payer
 * @param recvAccount where the money went back to ({@code refund_recv_accout})
 * @param fields every decrypted field of {@code req_info}, unknown ones included, for records
 */
public record RefundNotice(String transactionId, String outTradeNo, String refundId, String outRefundNo,
		long totalFee, long refundFee, RefundStatus status, @Nullable Instant successTime,
		@Nullable String recvAccount, Map<String, String> fields) {

	public RefundNotice {
		fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
	}
}
