package dev.scanpay.payment;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps WeChat's verified notices of failed payments, once each: a copy sent again has the same signature.
 */
@Component
class PaymentFailureNotices {

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;

	PaymentFailureNotices(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * @return whether this call stored the notice, {@code false} if it was stored before
	 */
	@Transactional
	boolean record(PaymentFailureNotice notice) {
		return jdbc.sql("""
				insert into failed_payment_notification (sign, order_id, err_code, err_code_des, raw_fields, received_at)
				values (:sign, :orderId, :errCode, :errCodeDes, :raw, :now)
				on conflict (sign) do nothing""")
			.param("sign", notice.sign())
			.param("orderId", notice.orderId())
			.param("errCode", notice.errCode())
			.param("errCodeDes", notice.errCodeDes())
			.param("raw", json.writeValueAsString(notice.fields()))
			.param("now", Timestamp.from(clock.instant()))
			.update() == 1;
	}
}
