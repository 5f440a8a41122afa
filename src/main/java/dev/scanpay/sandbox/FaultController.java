package dev.scanpay.sandbox;

import dev.scanpay.wechat.TradeState;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The emulator's admin API: faults for every trade ({@code /faults}) or one ({@code /faults/{outTradeNo}}),
 * a trade as WeChat sees it, extra copies of a paid trade's notification, and the delivery record of its
 * notifications (payments' and refunds').
 */
@RestController
@WhenSandboxEnabled
@RequestMapping(path = "/sandbox/admin", produces = MediaType.APPLICATION_JSON_VALUE)
class FaultController {

	/**
	 * @param queries how often the merchant asked about the trade (orderquery)
	 */
	record TradeView(String outTradeNo, TradeState state, long totalFee, @Nullable String transactionId, int queries) {
	}

	record Delivery(long id, NotificationKind kind, NotificationStatus status, int attempts, Instant nextAttemptAt,
			@Nullable String lastError, @Nullable Instant deliveredAt, @Nullable Instant firstAttemptAt,
			@Nullable Long lastAnswerMicros) {
	}

	private final FaultBook faults;
	private final Renotification renotification;
	private final NotificationRepository notifications;
	private final TradeRepository trades;

	FaultController(FaultBook faults, Renotification renotification, NotificationRepository notifications,
			TradeRepository trades) {
		this.faults = faults;
		this.renotification = renotification;
		this.notifications = notifications;
		this.trades = trades;
	}

	@GetMapping("/faults")
	Map<String, Faults> all() {
		return faults.all();
	}

	@PutMapping(path = "/faults", consumes = MediaType.APPLICATION_JSON_VALUE)
	Faults setGlobal(@Valid @RequestBody Faults faults) {
		this.faults.set(FaultBook.GLOBAL, faults);
		return faults;
	}

	@PutMapping(path = "/faults/{outTradeNo}", consumes = MediaType.APPLICATION_JSON_VALUE)
	Faults setFor(@PathVariable String outTradeNo, @Valid @RequestBody Faults faults) {
		this.faults.set(outTradeNo, faults);
		return faults;
	}

	@DeleteMapping("/faults")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void clearAll() {
		faults.clearAll();
	}

	@DeleteMapping("/faults/{outTradeNo}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void clearFor(@PathVariable String outTradeNo) {
		faults.clear(outTradeNo);
	}

	@PostMapping("/trades/{outTradeNo}/notifications")
	@ResponseStatus(HttpStatus.ACCEPTED)
	void notifyAgain(@PathVariable String outTradeNo,
			@RequestParam(defaultValue = "1") @Min(1) @Max(100) int copies,
			@RequestParam(defaultValue = "false") boolean concurrent) {
		renotification.notifyAgain(outTradeNo, copies, concurrent);
	}

	@GetMapping("/trades/{outTradeNo}")
	TradeView trade(@PathVariable String outTradeNo) {
		var trade = trades.findById(outTradeNo).orElseThrow(() -> new NoSuchTradeException("No trade " + outTradeNo));
		return new TradeView(trade.outTradeNo(), trade.state(), trade.totalFee(), trade.transactionId(), trade.queries());
	}

	@GetMapping("/trades/{outTradeNo}/notifications")
	List<Delivery> deliveries(@PathVariable String outTradeNo) {
		return notifications.findByOutTradeNo(outTradeNo)
			.stream()
			.map(n -> new Delivery(n.id(), n.kind(), n.status(), n.attempts(), n.nextAttemptAt(), n.lastError(), n.deliveredAt(),
					n.firstAttemptAt(), n.lastAnswerMicros()))
			.toList();
	}
}
