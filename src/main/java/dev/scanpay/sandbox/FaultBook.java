package dev.scanpay.sandbox;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

/**
 * The faults the emulator was told to inject. A trade's own faults replace the global ones entirely. They live in
 * the database only, and each look is one statement: emulators sharing the database, and whatever else writes the
 * faults, agree on them.
 */
@Service
@WhenSandboxEnabled
class FaultBook {

	/** The scope of the faults that apply to every trade without its own. */
	static final String GLOBAL = "*";

	private final FaultSettingRepository settings;

	FaultBook(FaultSettingRepository settings) {
		this.settings = settings;
	}

	Faults effectiveFor(String outTradeNo) {
		return settings.findEffective(outTradeNo).orElse(Faults.NONE);
	}

	/**
	 * The faults of each of these trades, for looking many up at once (a daily bill).
	 */
	Map<String, Faults> effectiveFor(Collection<String> outTradeNos) {
		var all = all();
		var global = all.getOrDefault(GLOBAL, Faults.NONE);
		return outTradeNos.stream()
			.distinct()
			.collect(Collectors.toMap(no -> no, no -> all.getOrDefault(no, global)));
	}

	/**
	 * Uses up one of the {@code SYSTEMERROR} answers to refund calls the trade (or, without faults of its own,
	 * every trade) was given, and reads its faults, in one statement. In a transaction, it must commit even when the
	 * call then answers that error.
	 */
	FaultSettingRepository.RefundFaults takeRefundSystemError(String outTradeNo) {
		return settings.useRefundSystemError(outTradeNo);
	}

	void set(String scope, Faults faults) {
		settings.save(scope, faults);
	}

	void clear(String scope) {
		settings.delete(scope);
	}

	void clearAll() {
		settings.deleteAll();
	}

	Map<String, Faults> all() {
		return settings.findAll();
	}
}
