package dev.scanpay.sandbox;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The payer's side: a page to "scan and pay" in a browser, the call behind it, and the ledger of what the
 * emulator considers paid.
 */
@RestController
@WhenSandboxEnabled
class PayerController {

	record PayRequest(@NotBlank String codeUrl, @NotNull PayerResult result) {
	}

	record OpenTrade(String outTradeNo, String body, long totalFee, String codeUrl) {
	}

	record LedgerEntry(String outTradeNo, @Nullable String transactionId, long totalFee, @Nullable Instant timeEnd) {
	}

	private final Payer payer;
	private final TradeRepository trades;

	PayerController(Payer payer, TradeRepository trades) {
		this.payer = payer;
		this.trades = trades;
	}

	@GetMapping(path = "/sandbox/payer", produces = MediaType.TEXT_HTML_VALUE)
	String page() throws IOException {
		return new ClassPathResource("sandbox/payer.html").getContentAsString(StandardCharsets.UTF_8);
	}

	@PostMapping(path = "/sandbox/payer/pay", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Payer.Outcome pay(@Valid @RequestBody PayRequest request) {
		return payer.pay(request.codeUrl(), request.result());
	}

	@GetMapping(path = "/sandbox/payer/trades", produces = MediaType.APPLICATION_JSON_VALUE)
	List<OpenTrade> openTrades() {
		return trades.findOpenNewestFirst()
			.stream()
			.map(trade -> new OpenTrade(trade.outTradeNo(), trade.body(), trade.totalFee(), trade.codeUrl()))
			.toList();
	}

	@GetMapping(path = "/sandbox/ledger", produces = MediaType.APPLICATION_JSON_VALUE)
	List<LedgerEntry> ledger() {
		return trades.findAllPaid()
			.stream()
			.map(trade -> new LedgerEntry(trade.outTradeNo(), trade.transactionId(), trade.totalFee(), trade.timeEnd()))
			.toList();
	}
}
