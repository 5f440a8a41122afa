package dev.scanpay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.bench.NotifyBench.Trade;
import dev.scanpay.wechat.SignType;
import dev.scanpay.wechat.WeChatSignatures;
import dev.scanpay.wechat.WeChatXml;

import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The notify benchmark posts what WeChat posts: the trade's fields, signed with MD5 under the key the app runs
 * with, no sign_type, no return_msg.
 */
class NotifyBenchTests {

	private final Trade trade = new Trade("20261129abc", "wx0000000000000000", "1900000000", "100", "CNY", "order");

	@Test
	void signsTheTradesNotificationUnderThePlaceholderKey() {
		var fields = WeChatXml.parse(NotifyBench.notification(trade, "4200202611290000000000000007",
				Instant.parse("2026-11-29T07:00:00Z"), new Random(1)));

		assertThat(WeChatSignatures.verify(fields, NotifyBench.API_KEY, SignType.MD5)).isTrue();
		assertThat(fields).containsEntry("out_trade_no", "20261129abc")
			.containsEntry("transaction_id", "4200202611290000000000000007")
			.containsEntry("total_fee", "100")
			.containsEntry("cash_fee", "100")
			.containsEntry("attach", "order")
			.containsEntry("time_end", "20261129150000")
			.doesNotContainKeys("sign_type", "return_msg");
	}

	@Test
	void leavesOutTheAttachTheTradeHasNot() {
		var fields = WeChatXml.parse(NotifyBench.notification(
				new Trade("20261129abc", "wx0000000000000000", "1900000000", "100", "CNY", null), "4200",
				Instant.now(), new Random(1)));

		assertThat(fields).doesNotContainKey("attach");
		assertThat(WeChatSignatures.verify(fields, NotifyBench.API_KEY, SignType.MD5)).isTrue();
	}
}
