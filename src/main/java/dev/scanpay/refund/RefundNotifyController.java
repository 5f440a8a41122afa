package dev.scanpay.refund;

import dev.scanpay.platform.OrderTrail;
import dev.scanpay.security.BoundedBodies;
import dev.scanpay.wechat.RefundNotificationRejectedException;
import dev.scanpay.wechat.RefundNotifications;
import dev.scanpay.wechat.WeChatXml;
import dev.scanpay.wechat.WeChatXmlException;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

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
 * WeChat's refund notifications, public through nginx like the payment notifications. The outer XML is read by
 * the hardened codec, {@code req_info} decrypted by the wechat module, and the outcome it reports stored under
 * the refund's row lock ({@link RefundReports}); WeChat hears SUCCESS only after that commit. A notification
 * that does not decrypt, names an unknown refund or disagrees with the stored one on its amounts, transaction or
 * order is answered FAIL, stores nothing, is logged once and counted; so is a failure to store, for WeChat to
 * send it again. A notification heard before changes nothing and is answered SUCCESS.
 */
@RestController
class RefundNotifyController {

	private static final Logger log = LoggerFactory.getLogger(RefundNotifyController.class);
	private static final MediaType XML = new MediaType("text", "xml", StandardCharsets.UTF_8);
	static final String SUCCESS = "<xml><return_code><![CDATA[SUCCESS]]></return_code>"
			+ "<return_msg><![CDATA[OK]]></return_msg></xml>";
	private static final String METER = "scanpay.wechat.refund.notifications";

	private final RefundNotifications notifications;
	private final RefundReports reports;
	private final MeterRegistry meters;
	private final OrderTrail trail;

	RefundNotifyController(RefundNotifications notifications, RefundReports reports, MeterRegistry meters,
			OrderTrail trail) {
		this.trail = trail;
		this.notifications = notifications;
		this.reports = reports;
		this.meters = meters;
	}

	@PostMapping("/wechat/refund/notify")
	ResponseEntity<String> onNotification(HttpServletRequest request) throws IOException {
		var body = BoundedBodies.readAtMost(request, WeChatXml.MAX_BODY_BYTES);
		if (body == null) {
			return reject(HttpStatus.CONTENT_TOO_LARGE, "TOO_LARGE", "body too large");
		}
		try {
			var notice = notifications.read(WeChatXml.parse(body));
			boolean changed = reports.record(notice);
			log.info("WeChat reports refund {} {}{}", notice.outRefundNo(), notice.status(),
					changed ? "" : ", reported before");
			meters.counter(METER, "outcome", changed ? "accepted" : "duplicate", "reason", "none").increment();
			trail.record(notice.outTradeNo(), "REFUND_NOTIFICATION", changed ? "ACCEPTED" : "DUPLICATE",
					"refund %s %s, %d fen".formatted(notice.outRefundNo(), notice.status(), notice.refundFee()));
			return ResponseEntity.ok().contentType(XML).body(SUCCESS);
		}
		catch (WeChatXmlException malformed) {
			return reject(HttpStatus.OK, "MALFORMED", malformed.getMessage());
		}
		catch (RefundNotificationRejectedException rejected) {
			return reject(HttpStatus.OK, rejected.reason().name(), rejected.getMessage());
		}
		catch (RefundReportRejected rejected) {
			return reject(HttpStatus.OK, rejected.reason().name(), rejected.getMessage());
		}
		catch (DataAccessException | TransactionException e) {
			log.error("Could not store a WeChat refund notification; answering FAIL so that WeChat sends it again", e);
			meters.counter(METER, "outcome", "failed", "reason", "storage").increment();
			return fail(HttpStatus.OK, "could not store the notification, please retry");
		}
	}

	private ResponseEntity<String> reject(HttpStatus status, String reason, String detail) {
		log.warn("Rejected a WeChat refund notification: {} ({})", reason, detail);
		meters.counter(METER, "outcome", "rejected", "reason", reason).increment();
		return fail(status, reason);
	}

	private static ResponseEntity<String> fail(HttpStatus status, String message) {
		var fields = new LinkedHashMap<String, String>();
		fields.put("return_code", "FAIL");
		fields.put("return_msg", message);
		return ResponseEntity.status(status).contentType(XML).body(WeChatXml.write(fields));
	}
}
