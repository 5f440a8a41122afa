package dev.scanpay.sandbox;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The faults the emulator was told to inject. A trade's own faults replace the global ones entirely.
 */
@Service
@WhenSandboxEnabled
class FaultBook {

	private final FaultSettingRepository settings;

	FaultBook(FaultSettingRepository settings) {
		this.settings = settings;
	}

	@Transactional(readOnly = true)
	Faults effectiveFor(String outTradeNo) {
		return settings.findById(outTradeNo)
			.or(() -> settings.findById(FaultSetting.GLOBAL))
			.map(FaultSetting::faults)
			.orElse(Faults.NONE);
	}

	/**
	 * The faults of each of these trades, for looking many up at once (a daily bill).
	 */
	@Transactional(readOnly = true)
	Map<String, Faults> effectiveFor(Collection<String> outTradeNos) {
		var all = all();
		var global = all.getOrDefault(FaultSetting.GLOBAL, Faults.NONE);
		return outTradeNos.stream()
			.distinct()
			.collect(Collectors.toMap(no -> no, no -> all.getOrDefault(no, global)));
	}

	/**
	 * Uses up one of the {@code SYSTEMERROR} answers the trade (or, without faults of its own, every trade)
	 * was given, in the caller's transaction, which must commit even when it then answers that error.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean takeSystemError(String outTradeNo) {
		return settings.useSystemError(outTradeNo) == 1;
	}

	/**
	 * Uses up one of the {@code SYSTEMERROR} answers to refund calls, as {@link #takeSystemError} does.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean takeRefundSystemError(String outTradeNo) {
		return settings.useRefundSystemError(outTradeNo) == 1;
	}

	@Transactional
	void set(String scope, Faults faults) {
		settings.findById(scope)
			.ifPresentOrElse(setting -> setting.change(faults), () -> settings.save(new FaultSetting(scope, faults)));
	}

	@Transactional
	void clear(String scope) {
		settings.deleteById(scope);
	}

	@Transactional
	void clearAll() {
		settings.deleteAllInBatch();
	}

	@Transactional(readOnly = true)
	Map<String, Faults> all() {
		return settings.findAll().stream().collect(Collectors.toMap(FaultSetting::scope, FaultSetting::faults));
	}
}
