package dev.scanpay.wechat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import org.jspecify.annotations.Nullable;
import dev.scanpay.platform.OrderTrail;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;

/**
 * Calls WeChat Pay v2 for Native (QR code) payments and their refunds. Every request carries the merchant's
 * ids, a fresh {@code nonce_str}, the sign type and the signature; every successful answer must carry a valid
 * signature and the merchant's own ids, or the call fails with {@link WeChatInvalidResponseException}. Failures are
 * {@link WeChatPayException}s whose type says how to react. Only {@link #refund} presents the merchant's
 * certificate, over its own connections to {@code scanpay.wechat.secapi-base-url}.
 */
@Component
public class WeChatPayClient implements DisposableBean {

	static final String UNIFIED_ORDER = "/pay/unifiedorder";

	static final String ORDER_QUERY = "/pay/orderquery";

	static final String CLOSE_ORDER = "/pay/closeorder";

	static final String DOWNLOAD_BILL = "/pay/downloadbill";

	static final String REFUND = "/secapi/pay/refund";

	static final String REFUND_QUERY = "/pay/refundquery";

	private static final String SUCCESS = "SUCCESS";

	private static final String FAIL = "FAIL";

	private final WeChatProperties properties;

	private final WeChatTransport transport;

	private final MerchantCertificate certificate;

	/** Made on the first refund: the certificate is read only where refunds are made. Guarded by {@code this}. */
	private @Nullable WeChatTransport secapi;

	/** Where each payment call and its answer is kept, with the order it is for. */
	private final CallTrail trail;

	/** A client whose calls are kept nowhere, for tests of the client alone. */
	WeChatPayClient(WeChatProperties properties, SslBundles sslBundles) {
		this(properties, sslBundles, NOWHERE);
	}

	/**
	 * @param trail where each payment call is kept; an application without one (the wechat module's tests) keeps
	 * them nowhere
	 */
	@Autowired
	WeChatPayClient(WeChatProperties properties, SslBundles sslBundles, ObjectProvider<OrderTrail> trail) {
		this(properties, sslBundles, callTrailOf(trail.getIfAvailable()));
	}

	private WeChatPayClient(WeChatProperties properties, SslBundles sslBundles, CallTrail trail) {
		this.properties = properties;
		this.transport = WeChatTransport.plain(properties);
		this.certificate = new MerchantCertificate(sslBundles, properties.certificateBundle());
		this.trail = trail;
	}

	@FunctionalInterface
	private interface CallTrail {
		void record(String orderId, String kind, @Nullable String outcome, @Nullable String detail);
	}

	private static final CallTrail NOWHERE = (orderId, kind, outcome, detail) -> {
	};

	private static CallTrail callTrailOf(@Nullable OrderTrail trail) {
		return trail == null ? NOWHERE : trail::record;
	}

	/**
	 * Creates a Native payment and returns its {@code code_url}.
	 */
	public UnifiedOrderResult unifiedOrder(UnifiedOrderRequest request) {
		var notifyUrl = properties.notifyUrl();
		if (notifyUrl == null) {
			throw new IllegalStateException("scanpay.wechat.notify-url is not set");
		}
		var fields = new LinkedHashMap<String, String>();
		fields.put("body", request.body());
		putIfPresent(fields, "attach", request.attach());
		fields.put("out_trade_no", request.outTradeNo());
		fields.put("total_fee", Long.toString(request.totalFee()));
		fields.put("spbill_create_ip", request.spbillCreateIp());
		var timeExpire = request.timeExpire();
		if (timeExpire != null) {
			fields.put("time_expire", WeChatTimes.format(timeExpire));
		}
		fields.put("notify_url", notifyUrl.toString());
		fields.put("trade_type", "NATIVE");
		fields.put("product_id", request.productId());
		UnifiedOrderResult result;
		try {
			var response = call("unifiedorder", UNIFIED_ORDER, fields);
			result = new UnifiedOrderResult(required("unifiedorder", response, "prepay_id"),
					required("unifiedorder", response, "code_url"));
		}
		catch (WeChatPayException e) {
			trail.record(request.outTradeNo(), "QR_FAILED", outcomeOf(e), "unifiedorder: " + e.getMessage());
			throw e;
		}
		trail.record(request.outTradeNo(), "QR_ISSUED", SUCCESS, "unifiedorder: prepay_id %s, %d fen%s".formatted(
				result.prepayId(), request.totalFee(),
				timeExpire == null ? "" : ", code_url valid until " + timeExpire + " at most"));
		return result;
	}

	/**
	 * Asks WeChat for the state of an order by the merchant's order number.
	 *
	 * @throws WeChatOrderNotFoundException if no {@code unifiedorder} for the number succeeded
	 */
	public OrderQueryResult orderQuery(String outTradeNo) {
		UnifiedOrderRequest.requireOutTradeNo(outTradeNo);
		var fields = new LinkedHashMap<String, String>();
		fields.put("out_trade_no", outTradeNo);
		OrderQueryResult result;
		try {
			result = queryResult(outTradeNo, call("orderquery", ORDER_QUERY, fields));
		}
		catch (WeChatPayException e) {
			trail.record(outTradeNo, "ORDERQUERY", outcomeOf(e), e.getMessage());
			throw e;
		}
		trail.record(outTradeNo, "ORDERQUERY", result.tradeState().name(),
				result.transactionId() == null ? null : "transaction %s, %s fen".formatted(result.transactionId(),
						result.totalFee()));
		return result;
	}

	/**
	 * Closes an unpaid order so that its number can never be paid. WeChat asks merchants not to close an order
	 * within five minutes of creating it, and to query it first.
	 *
	 * @throws WeChatOrderPaidException if the order is paid: it cannot be closed
	 * @throws WeChatOrderClosedException if it was closed already
	 */
	public CloseOrderResult closeOrder(String outTradeNo) {
		UnifiedOrderRequest.requireOutTradeNo(outTradeNo);
		var fields = new LinkedHashMap<String, String>();
		fields.put("out_trade_no", outTradeNo);
		Map<String, String> response;
		try {
			response = call("closeorder", CLOSE_ORDER, fields);
		}
		catch (WeChatPayException e) {
			trail.record(outTradeNo, "CLOSEORDER", outcomeOf(e), e.getMessage());
			throw e;
		}
		trail.record(outTradeNo, "CLOSEORDER", SUCCESS, response.get("result_msg"));
		return new CloseOrderResult(outTradeNo, response.get("result_msg"));
	}

	/**
	 * The bill of a Beijing day, or nothing if WeChat has none ("No Bill Exist": no transactions that day, or
	 * the day is more than three months ago). A bill exists from about 10:00 the next day; asking earlier may
	 * fail with {@link WeChatPayUnavailableException}.
	 *
	 * @param gzip whether WeChat should compress the bill ({@code tar_type=GZIP}); either way the text is
	 * returned
	 */
	public Optional<Bill> downloadBill(LocalDate billDate, BillType billType, boolean gzip) {
		var fields = new LinkedHashMap<String, String>();
		fields.put("bill_date", billDate.format(DateTimeFormatter.BASIC_ISO_DATE));
		fields.put("bill_type", billType.name());
		if (gzip) {
			fields.put("tar_type", "GZIP");
		}
		var maxBytes = properties.maxBillSize().toBytes();
		var body = transport.post("downloadbill", DOWNLOAD_BILL, signed(fields), maxBytes);
		if (body.length > maxBytes) {
			throw new WeChatInvalidResponseException(
					"downloadbill failed: the bill is larger than scanpay.wechat.max-bill-size", null, null);
		}
		if (isGzip(body)) {
			return Optional.of(new Bill(billDate, billType, utf8(gunzip(body, maxBytes))));
		}
		if (isXml(body)) {
			return noBill(checkedXml("downloadbill", body));
		}
		return Optional.of(new Bill(billDate, billType, utf8(body)));
	}

	private Optional<Bill> noBill(Map<String, String> response) {
		if (FAIL.equals(response.get("return_code"))) {
			var returnMsg = response.get("return_msg");
			if ("20002".equals(response.get("error_code")) || "No Bill Exist".equalsIgnoreCase(returnMsg)) {
				return Optional.empty();
			}
			throw WeChatErrors.forReturnMessage("downloadbill", returnMsg);
		}
		throw new WeChatInvalidResponseException(
				"downloadbill failed: an XML answer without return_code=FAIL, where a bill was expected", null, null);
	}

	/**
	 * Asks WeChat to refund (part of) a paid transaction, presenting the merchant's certificate. Success means
	 * WeChat accepted the refund; its outcome comes later, by notification or {@link #refundQuery}.
	 *
	 * @throws WeChatPayUnavailableException if the outcome is unknown (I/O, timeout, HTTP 5xx, {@code SYSTEMERROR},
	 * {@code BIZERR_NEED_RETRY}): ask again later with the same {@code out_refund_no}
	 * @throws WeChatRefundRefusedException if WeChat refused and made no refund
	 * @throws WeChatClientCertificateException if the merchant's certificate cannot be used or WeChat refused it
	 */
	public RefundAccepted refund(RefundRequest request) {
		var notifyUrl = properties.refundNotifyUrl();
		if (notifyUrl == null) {
			throw new WeChatMerchantConfigurationException("refund failed: scanpay.wechat.refund-notify-url is not set",
					null, null);
		}
		var operation = "refund";
		var fields = new LinkedHashMap<String, String>();
		fields.put("transaction_id", request.transactionId());
		fields.put("out_refund_no", request.outRefundNo());
		fields.put("total_fee", Long.toString(request.totalFee()));
		fields.put("refund_fee", Long.toString(request.refundFee()));
		putIfPresent(fields, "refund_desc", request.refundDesc());
		fields.put("notify_url", notifyUrl.toString());
		certificate.require();
		var body = secapi().post(operation, REFUND, signed(fields), WeChatXml.MAX_BODY_BYTES);
		var response = verified(operation, checkedXml(operation, body), WeChatErrors::forRefundReturnMessage,
				WeChatErrors::forRefundErrCode);
		requireAnsweredFor(operation, response, "out_refund_no", request.outRefundNo());
		requireAnsweredFor(operation, response, "transaction_id", request.transactionId());
		return new RefundAccepted(request.outRefundNo(), required(operation, response, "refund_id"),
				requiredFen(operation, response, "refund_fee"), requiredFen(operation, response, "total_fee"));
	}

	/**
	 * Asks WeChat for the state of a refund by the merchant's refund number.
	 *
	 * @return nothing if WeChat knows no such refund ({@code REFUNDNOTEXIST})
	 */
	public Optional<RefundReport> refundQuery(String outRefundNo) {
		RefundRequest.requireOutRefundNo(outRefundNo);
		var fields = new LinkedHashMap<String, String>();
		fields.put("out_refund_no", outRefundNo);
		Map<String, String> response;
		try {
			response = call("refundquery", REFUND_QUERY, fields);
		}
		catch (WeChatRequestRejectedException e) {
			if ("REFUNDNOTEXIST".equals(e.errCode())) {
				return Optional.empty();
			}
			throw e;
		}
		return Optional.of(RefundQueryAnswer.report(outRefundNo, response));
	}

	/**
	 * Checks that the merchant's certificate, which refunds present, can be used now: the SSL bundle named by
	 * {@code scanpay.wechat.certificate-bundle} exists, its key store can be read, holds a private key, and its
	 * certificate is valid today.
	 *
	 * @throws WeChatClientCertificateException otherwise, saying what to fix (never the password)
	 */
	public void requireClientCertificate() {
		certificate.require();
	}

	/** WeChat's err_code where it gave one, otherwise whether the outcome is unknown or the answer unusable. */
	private static String outcomeOf(WeChatPayException e) {
		if (e.errCode() != null) {
			return e.errCode();
		}
		return e instanceof WeChatPayUnavailableException ? "UNREACHABLE" : "ERROR";
	}

	private Map<String, String> call(String operation, String path, Map<String, String> fields) {
		var body = transport.post(operation, path, signed(fields), WeChatXml.MAX_BODY_BYTES);
		return verified(operation, checkedXml(operation, body), WeChatErrors::forReturnMessage,
				WeChatErrors::forErrCode);
	}

	private byte[] signed(Map<String, String> businessFields) {
		var fields = new LinkedHashMap<String, String>();
		fields.put("appid", properties.appId());
		fields.put("mch_id", properties.mchId());
		fields.put("nonce_str", Nonces.next());
		fields.put("sign_type", properties.signType().wireName());
		fields.putAll(businessFields);
		fields.put(WeChatSignatures.SIGN, WeChatSignatures.sign(fields, properties.apiKey(), properties.signType()));
		return WeChatXml.write(fields).getBytes(StandardCharsets.UTF_8);
	}

	private static Map<String, String> checkedXml(String operation, byte[] body) {
		try {
			return WeChatXml.parse(body);
		}
		catch (WeChatXmlException e) {
			throw new WeChatInvalidResponseException("%s failed: unreadable answer: %s".formatted(operation,
					e.getMessage()), null, e);
		}
	}

	/**
	 * Checks {@code return_code}, then the signature and the merchant's ids, then {@code result_code}.
	 */
	private Map<String, String> verified(String operation, Map<String, String> response,
			ReturnFailure returnFailure, ResultFailure resultFailure) {
		var returnCode = response.get("return_code");
		if (FAIL.equals(returnCode)) {
			throw returnFailure.exception(operation, response.get("return_msg"));
		}
		if (!SUCCESS.equals(returnCode)) {
			throw invalid(operation, "return_code is " + (returnCode == null ? "missing" : "'" + returnCode + "'"));
		}
		if (!WeChatSignatures.verify(response, properties.apiKey(), properties.signType())) {
			throw invalid(operation, response.containsKey(WeChatSignatures.SIGN)
					? "the answer's signature is wrong" : "the answer is not signed");
		}
		requireOwn(operation, response, "appid", properties.appId());
		requireOwn(operation, response, "mch_id", properties.mchId());
		var resultCode = response.get("result_code");
		if (FAIL.equals(resultCode)) {
			throw resultFailure.exception(operation, response.get("err_code"), response.get("err_code_des"));
		}
		if (!SUCCESS.equals(resultCode)) {
			throw invalid(operation, "result_code is " + (resultCode == null ? "missing" : "'" + resultCode + "'"));
		}
		return response;
	}

	private static void requireOwn(String operation, Map<String, String> response, String field, String own) {
		var value = response.get(field);
		if (value != null && !value.equals(own)) {
			throw invalid(operation, "the answer is for %s %s, not ours".formatted(field, value));
		}
	}

	private static void requireAnsweredFor(String operation, Map<String, String> response, String field,
			String asked) {
		var answered = response.get(field);
		if (answered != null && !answered.equals(asked)) {
			throw invalid(operation, "asked for %s %s, answered for %s".formatted(field, asked, answered));
		}
	}

	private static long requiredFen(String operation, Map<String, String> response, String field) {
		var fen = fen(operation, response, field);
		if (fen == null) {
			throw invalid(operation, "the answer lacks " + field);
		}
		return fen;
	}

	private static OrderQueryResult queryResult(String outTradeNo, Map<String, String> response) {
		var operation = "orderquery";
		var stateName = required(operation, response, "trade_state");
		TradeState state;
		try {
			state = TradeState.valueOf(stateName);
		}
		catch (IllegalArgumentException e) {
			throw invalid(operation, "unknown trade_state '%s'".formatted(stateName));
		}
		var answeredNumber = response.get("out_trade_no");
		if (answeredNumber != null && !answeredNumber.equals(outTradeNo)) {
			throw invalid(operation, "asked for %s, answered for %s".formatted(outTradeNo, answeredNumber));
		}
		var result = new OrderQueryResult(state, response.get("trade_state_desc"), outTradeNo,
				response.get("transaction_id"), fen(operation, response, "total_fee"),
				fen(operation, response, "cash_fee"), time(operation, response, "time_end"), response.get("attach"),
				response.get("openid"), response.get("bank_type"), response);
		if (state.isPaid() && (result.transactionId() == null || result.totalFee() == null
				|| result.timeEnd() == null)) {
			throw invalid(operation, "a paid order without transaction_id, total_fee or time_end");
		}
		return result;
	}

	static @Nullable Long fen(String operation, Map<String, String> response, String field) {
		var value = response.get(field);
		if (value == null || value.isEmpty()) {
			return null;
		}
		if (!WeChatAmounts.isFen(value)) {
			throw invalid(operation, "%s '%s' is not a number of fen".formatted(field, value));
		}
		return Long.parseLong(value);
	}

	private static @Nullable Instant time(String operation, Map<String, String> response, String field) {
		var value = response.get(field);
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			return WeChatTimes.parse(value);
		}
		catch (DateTimeParseException e) {
			throw invalid(operation, "%s '%s' is not a yyyyMMddHHmmss time".formatted(field, value));
		}
	}

	static String required(String operation, Map<String, String> response, String field) {
		var value = response.get(field);
		if (value == null || value.isEmpty()) {
			throw invalid(operation, "the answer lacks " + field);
		}
		return value;
	}

	static WeChatInvalidResponseException invalid(String operation, String reason) {
		return new WeChatInvalidResponseException(operation + " failed: " + reason, null, null);
	}

	private static void putIfPresent(Map<String, String> fields, String name, @Nullable String value) {
		if (value != null) {
			fields.put(name, value);
		}
	}

	private static boolean isGzip(byte[] body) {
		return body.length >= 2 && body[0] == (byte) 0x1f && body[1] == (byte) 0x8b;
	}

	private static boolean isXml(byte[] body) {
		var start = new String(body, 0, Math.min(body.length, 64), StandardCharsets.ISO_8859_1).stripLeading();
		return start.startsWith("<");
	}

	private static byte[] gunzip(byte[] body, long maxBytes) {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			var text = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
			if (text.length > maxBytes) {
				throw new WeChatInvalidResponseException(
						"downloadbill failed: the unpacked bill is larger than scanpay.wechat.max-bill-size", null,
						null);
			}
			return text;
		}
		catch (IOException e) {
			throw new WeChatInvalidResponseException("downloadbill failed: the GZIP bill is corrupt", null, e);
		}
	}

	private static String utf8(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException e) {
			throw new WeChatInvalidResponseException("downloadbill failed: the bill is not UTF-8", null, e);
		}
	}

	/** How an operation's {@code return_code=FAIL} becomes an exception. */
	@FunctionalInterface
	private interface ReturnFailure {

		WeChatPayException exception(String operation, @Nullable String returnMsg);
	}

	/** How an operation's {@code result_code=FAIL} becomes an exception. */
	@FunctionalInterface
	private interface ResultFailure {

		WeChatPayException exception(String operation, @Nullable String errCode, @Nullable String description);
	}

	private synchronized WeChatTransport secapi() {
		if (secapi == null) {
			secapi = WeChatTransport.withClientCertificate(properties, certificate.sslContext());
		}
		return secapi;
	}

	/**
	 * Closes the connections to WeChat.
	 */
	@Override
	public synchronized void destroy() {
		transport.close();
		if (secapi != null) {
			secapi.close();
		}
	}
}
