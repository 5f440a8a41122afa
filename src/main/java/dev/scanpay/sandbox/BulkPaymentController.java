package dev.scanpay.sandbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pays every open trade (or every one with the given notify URL), as a crowd of payers would, for load runs
 * and drills: in transactions of
 * {@code chunk} trades, so that notifications of the first ones are on their way while the rest are paid.
 */
@RestController
@WhenSandboxEnabled
class BulkPaymentController {

	record BulkPayment(int paid) {
	}

	private final Payer payer;

	BulkPaymentController(Payer payer) {
		this.payer = payer;
	}

	@PostMapping(path = "/sandbox/admin/payments", produces = MediaType.APPLICATION_JSON_VALUE)
	BulkPayment payOpenTrades(@RequestParam(defaultValue = "") String notifyUrl,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int chunk) {
		int paid = 0;
		for (int round; (round = payer.payOpenTrades(notifyUrl, chunk)) > 0;) {
			paid += round;
		}
		return new BulkPayment(paid);
	}
}
