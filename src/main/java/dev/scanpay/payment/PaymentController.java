package dev.scanpay.payment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/orders/{orderId}/payment")
class PaymentController {

	/**
	 * @param qrCodeUrl where the code_url is served as a QR code PNG
	 * @param expiresAt when the code_url stops working: WeChat's two hours, or the order's expiry if sooner
	 */
	record PrepayView(String codeUrl, String qrCodeUrl, Instant expiresAt) {
	}

	private final Prepayments prepayments;
	private final PaymentStatus status;
	private final ScannableCodeUrls codeUrls;
	private final QrCodes qrCodes;
	private final StatusPollLimit pollLimit;
	private final Clock clock;

	PaymentController(Prepayments prepayments, PaymentStatus status, ScannableCodeUrls codeUrls, QrCodes qrCodes,
			StatusPollLimit pollLimit, Clock clock) {
		this.prepayments = prepayments;
		this.status = status;
		this.codeUrls = codeUrls;
		this.qrCodes = qrCodes;
		this.pollLimit = pollLimit;
		this.clock = clock;
	}

	@PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	PrepayView prepay(@PathVariable String orderId) {
		var prepay = prepayments.prepay(orderId);
		return new PrepayView(prepay.codeUrl(), "/api/orders/" + orderId + "/payment/qrcode.png", prepay.expiresAt());
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	PaymentStatus.View status(@PathVariable String orderId) {
		pollLimit.count(orderId);
		return status.of(orderId);
	}

	@GetMapping(path = "/qrcode.png", produces = MediaType.IMAGE_PNG_VALUE)
	ResponseEntity<byte[]> qrCode(@PathVariable String orderId,
			@RequestParam(defaultValue = "256") @Min(QrCodes.MIN_SIZE) @Max(QrCodes.MAX_SIZE) int size) {
		var now = clock.instant();
		var payment = codeUrls.of(orderId, now);
		var maxAge = Duration.between(now, payment.codeUrlExpiresAt());
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(maxAge).cachePrivate())
			.contentType(MediaType.IMAGE_PNG)
			.body(qrCodes.png(payment.codeUrl(), size));
	}
}
