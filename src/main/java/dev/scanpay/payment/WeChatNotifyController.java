package dev.scanpay.payment;

import dev.scanpay.order.OrderManagement;
import dev.scanpay.payment.NotificationRejected.Reason;
import dev.scanpay.platform.OrderTrail;
import dev.scanpay.security.BoundedBodies;
import dev.scanpay.wechat.WeChatXml;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * WeChat's payment notifications, public through nginx. WeChat hears SUCCESS only after the payment is
 * committed to PostgreSQL with its outgoing event, or its verified notice of a failed payment is; any check
 * that fails, and any failure to store, answers FAIL, so that WeChat sends the notification again.
 */
@RestController
class WeChatNotifyController {

	private static final Logger log = LoggerFactory.getLogger(WeChatNotifyController.class);
	private static final MediaType XML = new MediaType("text", "xml", StandardCharsets.UTF_8);
	private static final String NOTIFICATION = "NOTIFICATION";

	/** A rejected notification is kept in the trail only for what could be one of our order numbers. */
	private static final Pattern PLAUSIBLE_ORDER_ID = Pattern.compile("[0-9A-Za-z_\\-|*@]{1,32}");

	/** Reasons found before the signature was checked: the rest of such a notification is nobody's word. */
	private static final Set<Reason> UNVERIFIED = EnumSet.of(Reason.MALFORMED, Reason.NOT_SUCCESS, Reason.UNSIGNED,
			Reason.UNKNOWN_SIGN_TYPE, Reason.WRONG_SIGN_TYPE, Reason.BAD_SIGNATURE);

	static final String SUCCESS = "<xml><return_code><![CDATA[SUCCESS]]></return_code>"
			+ "<return_msg><![CDATA[OK]]></return_msg></xml>";

	private final NotificationVerifier verifier;
	private final PaymentRecorder recorder;
	private final PaymentFailureNotices failureNotices;
	private final MeterRegistry meters;
	private final OrderTrail trail;
	private final OrderManagement orders;

	WeChatNotifyController(NotificationVerifier verifier, PaymentRecorder recorder,
			PaymentFailureNotices failureNotices, MeterRegistry meters, OrderTrail trail, OrderManagement orders) {
		this.trail = trail;
		this.orders = orders;
		this.verifier = verifier;
		this.recorder = recorder;
		this.failureNotices = failureNotices;
		this.meters = meters;
	}

	@PostMapping("/wechat/pay/notify")
	ResponseEntity<String> onNotification(HttpServletRequest request) throws IOException {
		var body = BoundedBodies.readAtMost(request, WeChatXml.MAX_BODY_BYTES);
		if (body == null) {
			return reject(HttpStatus.CONTENT_TOO_LARGE, new NotificationRejected(Reason.TOO_LARGE, "body too large"));
		}
		VerifiedNotification notification;
		try {
			notification = verifier.verify(body);
		}
		catch (NotificationRejected rejected) {
			return reject(HttpStatus.OK, rejected);
		}
		try {
			if (notification instanceof PaymentFailureNotice notice) {
				return acknowledge(notice);
			}
			return record((ConfirmedPayment) notification);
		}
		catch (DataAccessException | TransactionException e) {
			log.error("Could not store a WeChat notification; answering FAIL so that WeChat sends it again", e);
			meters.counter("scanpay.wechat.notifications", "outcome", "failed", "reason", "storage").increment();
			if (notification.orderId() != null) {
				trail.record(notification.orderId(), NOTIFICATION, "FAILED",
						"could not store it, answered FAIL: " + e.getClass().getSimpleName());
			}
			return fail(HttpStatus.OK, "could not store the notification, please retry");
		}
	}

	private ResponseEntity<String> record(ConfirmedPayment payment) {
		try {
			boolean recorded = recorder.record(payment);
			meters.counter("scanpay.wechat.notifications", "outcome", recorded ? "accepted" : "duplicate", "reason",
					"none").increment();
			trail.record(payment.orderId(), NOTIFICATION, recorded ? "ACCEPTED" : "DUPLICATE",
					"transaction %s, %d fen, paid at %s".formatted(payment.transactionId(), payment.totalFee(),
							payment.timeEnd()));
			return ResponseEntity.ok().contentType(XML).body(SUCCESS);
		}
		catch (NotificationRejected rejected) {
			return reject(HttpStatus.OK, rejected.about(payment.orderId()));
		}
	}

	/**
	 * A failed payment is news, not an error: answering FAIL would only make WeChat send it again for a day.
	 */
	private ResponseEntity<String> acknowledge(PaymentFailureNotice notice) {
		boolean stored = failureNotices.record(notice);
		log.info("WeChat reports a failed payment of order {}: {} ({}){}", notice.orderId(), notice.errCode(),
				notice.errCodeDes(), stored ? "" : ", reported before");
		if (notice.orderId() != null) {
			trail.record(notice.orderId(), NOTIFICATION, stored ? "PAYMENT_FAILED" : "DUPLICATE",
					"payment failed: %s (%s)".formatted(notice.errCode(), notice.errCodeDes()));
		}
		meters.counter("scanpay.wechat.notifications", "outcome", "unpaid", "reason", "none").increment();
		return ResponseEntity.ok().contentType(XML).body(SUCCESS);
	}

	private ResponseEntity<String> reject(HttpStatus status, NotificationRejected rejected) {
		log.warn("Rejected a WeChat notification: {} ({})", rejected.reason(), rejected.getMessage());
		keepInTrail(rejected);
		meters.counter("scanpay.wechat.notifications", "outcome", "rejected", "reason", rejected.reason().name())
			.increment();
		return fail(status, rejected.reason().name());
	}

	/**
	 * Keeps a rejection in the trail of the order it names, if that order exists here: anyone can post a
	 * notification, and only what concerns a real order is worth keeping. One rejected before its signature was
	 * checked says so, since nothing vouches for what it names.
	 */
	private void keepInTrail(NotificationRejected rejected) {
		var orderId = rejected.orderId();
		if (orderId == null || !PLAUSIBLE_ORDER_ID.matcher(orderId).matches()) {
			return;
		}
		try {
			if (orders.status(orderId).isEmpty()) {
				return;
			}
		}
		catch (DataAccessException e) {
			return;
		}
		trail.record(orderId, NOTIFICATION, "REJECTED", "%s%s: %s, answered FAIL".formatted(
				UNVERIFIED.contains(rejected.reason()) ? "unverified, " : "", rejected.reason(), rejected.getMessage()));
	}

	private static ResponseEntity<String> fail(HttpStatus status, String message) {
		var fields = new LinkedHashMap<String, String>();
		fields.put("return_code", "FAIL");
		fields.put("return_msg", message);
		return ResponseEntity.status(status).contentType(XML).body(WeChatXml.write(fields));
	}
}
