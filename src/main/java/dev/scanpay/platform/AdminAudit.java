package dev.scanpay.platform;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The audit log of operator actions: which admin key (by its name) did what, to which order, when, and how it
 * ended. An entry is written once the action's outcome is known, a failed action's too; the table refuses every
 * change but an insert. A call without an admin key is refused before the action. If the entry cannot be
 * written, the action has happened all the same: that is logged as an error, and the caller gets the error.
 */
@Component
public class AdminAudit {

	private static final Logger log = LoggerFactory.getLogger(AdminAudit.class);

	private static final int MAX_DETAIL = 1000;

	private static final String ADMIN = "ROLE_ADMIN";

	/**
	 * @param keyName the admin key's name, never the key
	 * @param outcome {@code OK} or {@code FAILED}
	 */
	public record Entry(long id, Instant at, String keyName, String action, @Nullable String orderId,
			@Nullable String target, String outcome, @Nullable String detail) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	AdminAudit(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Does an operator's action and writes down how it ended: {@code OK}, or {@code FAILED} if it threw.
	 *
	 * @param action what is done, such as {@code order.close}
	 * @param orderId the order it is done to, if any
	 * @param target what else it is done to (an anomaly, a bill date, a queue), if anything
	 * @param outcome what to write down of a result
	 */
	public <T> T run(String action, @Nullable String orderId, @Nullable String target, Supplier<T> work,
			Function<? super T, String> outcome) {
		return run(action, orderId, target, work, result -> true, outcome);
	}

	/**
	 * Does an operator's action and writes down how it ended: {@code OK} if it returned a result that
	 * {@code succeeded}, {@code FAILED} if it returned another or threw.
	 *
	 * @param succeeded whether a result is a success (an answer such as "WeChat could not be asked" is not)
	 */
	public <T> T run(String action, @Nullable String orderId, @Nullable String target, Supplier<T> work,
			Predicate<? super T> succeeded, Function<? super T, String> outcome) {
		var keyName = keyName();
		T result;
		try {
			result = work.get();
		}
		catch (RuntimeException e) {
			write(keyName, action, orderId, target, "FAILED", e.getMessage());
			throw e;
		}
		write(keyName, action, orderId, target, succeeded.test(result) ? "OK" : "FAILED", outcome.apply(result));
		return result;
	}

	/** One page of the log, newest first: {@code size + 1} entries at most, so a caller can tell if more follow. */
	public List<Entry> page(int page, int size) {
		return jdbc.sql("select * from admin_audit order by id desc limit :limit offset :offset")
			.param("limit", size + 1)
			.param("offset", (long) page * size)
			.query(Entry.class)
			.list();
	}

	private void write(String keyName, String action, @Nullable String orderId, @Nullable String target,
			String outcome, @Nullable String detail) {
		try {
			jdbc.sql("""
					insert into admin_audit (at, key_name, action, order_id, target, outcome, detail)
					values (:at, :keyName, :action, :orderId, :target, :outcome, :detail)""")
				.param("at", Timestamp.from(clock.instant()))
				.param("keyName", keyName)
				.param("action", action)
				.param("orderId", orderId)
				.param("target", target)
				.param("outcome", outcome)
				.param("detail", detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL))
				.update();
		}
		catch (RuntimeException e) {
			log.error("Could not write the audit entry of {} by {} (order {}, {}): {} {}", action, keyName, orderId,
					target, outcome, detail, e);
			throw e;
		}
	}

	/**
	 * The name of the admin key the current request carries: the authentication's name, which the security
	 * module makes the key's name, never the key.
	 */
	static String keyName() {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getAuthorities().stream()
			.anyMatch(authority -> ADMIN.equals(authority.getAuthority()))) {
			return authentication.getName();
		}
		throw new IllegalStateException("An audited action needs an admin key");
	}
}
