package dev.scanpay.sandbox;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.scanpay.wechat.SignType;
import dev.scanpay.wechat.TradeState;

/**
 * One merchant order as WeChat knows it after a successful unifiedorder: NOTPAY, then SUCCESS, CLOSED or
 * PAYERROR.
 */
@Entity
@Table(name = "sandbox_trade")
class Trade {

	/** WeChat's prepay id and code_url stay valid for two hours. */
	static final Duration PREPAY_LIFETIME = Duration.ofHours(2);

	private @Id String outTradeNo;
	private String appid;
	private String mchId;
	private @Enumerated(EnumType.STRING) TradeState state;
	private String body;
	private @Nullable String attach;
	private long totalFee;
	private String feeType;
	private String notifyUrl;
	private String productId;
	private @Nullable Instant timeExpire;
	private @Enumerated(EnumType.STRING) SignType signType;
	private String requestDigest;
	private String prepayId;
	private String codeUrl;
	private Instant prepayExpiresAt;
	private @Nullable String transactionId;
	private @Nullable String openid;
	private @Nullable Instant timeEnd;
	private Instant createdAt;
	private int queries;
	private @Version @Nullable Long version;

	Trade(UnifiedOrder order, SignType signType, String prepayId, String codeUrl, Instant now) {
		this.outTradeNo = order.outTradeNo();
		this.appid = order.appid();
		this.mchId = order.mchId();
		this.state = TradeState.NOTPAY;
		this.body = order.body();
		this.attach = order.attach();
		this.totalFee = order.totalFee();
		this.feeType = order.feeType();
		this.notifyUrl = order.notifyUrl();
		this.productId = order.productId();
		this.timeExpire = order.timeExpire();
		this.signType = signType;
		this.requestDigest = order.digest();
		this.prepayId = prepayId;
		this.codeUrl = codeUrl;
		this.prepayExpiresAt = now.plus(PREPAY_LIFETIME);
		this.createdAt = now;
	}

	protected Trade() {
		// for JPA
	}

	boolean prepayValidAt(Instant now) {
		return now.isBefore(prepayExpiresAt);
	}

	boolean expiredAt(Instant now) {
		return timeExpire != null && !now.isBefore(timeExpire);
	}

	void renewPrepay(String prepayId, String codeUrl, Instant now) {
		this.prepayId = prepayId;
		this.codeUrl = codeUrl;
		this.prepayExpiresAt = now.plus(PREPAY_LIFETIME);
	}

	void pay(String transactionId, String openid, Instant now) {
		this.state = TradeState.SUCCESS;
		this.transactionId = transactionId;
		this.openid = openid;
		this.timeEnd = now;
	}

	/**
	 * @throws IllegalStateException unless the trade is paid
	 */
	PaidTrade paid() {
		if (state != TradeState.SUCCESS || transactionId == null || openid == null || timeEnd == null) {
			throw new IllegalStateException("Trade " + outTradeNo + " is not paid");
		}
		return new PaidTrade(outTradeNo, appid, mchId, attach, totalFee, feeType, notifyUrl, signType, transactionId,
				openid, timeEnd);
	}

	void failPayment() {
		this.state = TradeState.PAYERROR;
	}

	void close() {
		this.state = TradeState.CLOSED;
	}

	String outTradeNo() {
		return outTradeNo;
	}

	String appid() {
		return appid;
	}

	String mchId() {
		return mchId;
	}

	TradeState state() {
		return state;
	}

	String body() {
		return body;
	}

	@Nullable String attach() {
		return attach;
	}

	long totalFee() {
		return totalFee;
	}

	String feeType() {
		return feeType;
	}

	String notifyUrl() {
		return notifyUrl;
	}

	SignType signType() {
		return signType;
	}

	String requestDigest() {
		return requestDigest;
	}

	String prepayId() {
		return prepayId;
	}

	String codeUrl() {
		return codeUrl;
	}

	@Nullable String transactionId() {
		return transactionId;
	}

	@Nullable String openid() {
		return openid;
	}

	@Nullable Instant timeEnd() {
		return timeEnd;
	}

	int queries() {
		return queries;
	}
}
