package dev.scanpay.payment;

import dev.scanpay.order.OrderManagement;
import dev.scanpay.payment.PaymentRefused.Reason;
import dev.scanpay.security.Tenant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An order's payment, for the tenant that placed the order (and operators); anyone else is answered as for an
 * unknown order.
 */
@RestController
@RequestMapping("/api/orders/{orderId}/payment")
class PaymentController {

	/**
	 * @param qrCodeUrl where the code_url is served as a QR code PNG
	 * @param expiresAt when the code_url stops working: WeChat's two hours, or the order's expiry if sooner
	 */
	record PrepayView(String codeUrl, String qrCodeUrl, Instant expiresAt) {
	}

	private final OrderManagement orders;
	private final Prepayments prepayments;
	private final PaymentStatusQuery status;
	private final ScannableCodeUrls codeUrls;
	private final QrCodes qrCodes;
	private final StatusPollLimit pollLimit;
	private final Clock clock;

	PaymentController(OrderManagement orders, Prepayments prepayments, PaymentStatusQuery status,
			ScannableCodeUrls codeUrls, QrCodes qrCodes, StatusPollLimit pollLimit, Clock clock) {
		this.orders = orders;
		this.prepayments = prepayments;
		this.status = status;
		this.codeUrls = codeUrls;
		this.qrCodes = qrCodes;
		this.pollLimit = pollLimit;
		this.clock = clock;
	}

	@PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	PrepayView prepay(@PathVariable String orderId, @AuthenticationPrincipal Tenant tenant) {
		requireReachable(orderId, tenant);
		var prepay = prepayments.prepay(orderId);
		return new PrepayView(prepay.codeUrl(), "/api/orders/" + orderId + "/payment/qrcode.png", prepay.expiresAt());
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	PaymentStatusQuery.View status(@PathVariable String orderId, @AuthenticationPrincipal Tenant tenant) {
		pollLimit.count(orderId);
		requireReachable(orderId, tenant);
		return status.of(orderId);
	}

	@GetMapping(path = "/qrcode.png", produces = MediaType.IMAGE_PNG_VALUE)
	ResponseEntity<byte[]> qrCode(@PathVariable String orderId,
			@RequestParam(defaultValue = "256") @Min(QrCodes.MIN_SIZE) @Max(QrCodes.MAX_SIZE) int size,
			@AuthenticationPrincipal Tenant tenant) {
		var now = clock.instant();
		var payment = codeUrls.of(orderId, tenant, now);
		var maxAge = Duration.between(now, payment.codeUrlExpiresAt());
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(maxAge).cachePrivate())
			.contentType(MediaType.IMAGE_PNG)
			.body(qrCodes.png(payment.codeUrl(), size));
	}

	private void requireReachable(String orderId, Tenant tenant) {
		if (!orders.isReachableBy(orderId, tenant)) {
			throw new PaymentRefused(Reason.UNKNOWN_ORDER, "No order " + orderId);
		}
	}
}
