package dev.scanpay.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.scanpay.wechat.Bill;
import dev.scanpay.wechat.BillType;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class BillStatementTests {

	static final String SUCCESS_HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
			+ "交易状态,付款银行,货币种类,应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注";
	static final String ALL_HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
			+ "交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,"
			+ "退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
	static final String REFUND_HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
			+ "交易状态,付款银行,货币种类,应结订单金额,代金券金额,退款申请时间,退款成功时间,微信退款单号,商户退款单号,退款金额,"
			+ "充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
	static final String SUMMARY_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";

	static final LocalDate DATE = LocalDate.of(2026, 11, 26);

	@Test
	void readsTheTransactionsOfASuccessBill() {
		var bill = String.join("\r\n", SUCCESS_HEADER,
				"`2026-11-26 10:15:30,`wx0000000000000000,`1900000000,`0,`,`4200000001,`20261126order1,`oUser,`NATIVE,"
						+ "`SUCCESS,`CMC,`CNY,`136.00,`0.00,`Coffee beans,`order,`0.81600,`0.60%,`136.00,`",
				"`2026-11-26 23:59:59,`wx0000000000000000,`1900000000,`0,`,`4200000002,`20261126order2,`oUser,`NATIVE,"
						+ "`SUCCESS,`CMC,`CNY,`0.01,`0.00,`Tea,`,`0.00006,`0.60%,`0.01,`",
				SUMMARY_HEADER, "`2,`136.01,`0.00,`0.00,`0.81606,`136.01,`0.00", "");

		var lines = BillStatement.linesOf(new Bill(DATE, BillType.SUCCESS, bill));

		assertThat(lines).containsExactly(
				new BillLine("4200000001", "20261126order1", "SUCCESS", 13600, Instant.parse("2026-11-26T02:15:30Z"),
						null),
				new BillLine("4200000002", "20261126order2", "SUCCESS", 1, Instant.parse("2026-11-26T15:59:59Z"),
						null));
	}

	@Test
	void readsPaymentsAndRefundsOfAnAllBill() {
		var bill = String.join("\n", ALL_HEADER,
				"`2026-11-26 10:15:30,`wx0,`1900000000,`0,`,`4200000001,`20261126order1,`oUser,`NATIVE,`SUCCESS,`CMC,"
						+ "`CNY,`5.00,`0.00,`0,`0,`0.00,`0.00,`,`,`Mug,`order,`0.03000,`0.60%,`5.00,`0.00,`",
				"`2026-11-26 11:00:00,`wx0,`1900000000,`0,`,`4200000001,`20261126order1,`oUser,`NATIVE,`REFUND,`CMC,"
						+ "`CNY,`0.00,`0.00,`5030000001,`R1,`5.00,`0.00,`ORIGINAL,`SUCCESS,`Mug,`order,`-0.03000,`0.60%,"
						+ "`0.00,`5.00,`",
				SUMMARY_HEADER, "`2,`5.00,`5.00,`0.00,`0.00000,`5.00,`5.00");

		var lines = BillStatement.linesOf(new Bill(DATE, BillType.ALL, bill));

		assertThat(lines).extracting(BillLine::status).containsExactly("SUCCESS", "REFUND");
		assertThat(lines.get(0).totalFee()).isEqualTo(500);
		assertThat(lines.get(0).refund()).isNull();
		assertThat(lines).extracting(BillLine::transactionId).containsOnly("4200000001");
		assertThat(lines.get(1).refund()).isEqualTo(new BillRefund("5030000001", "R1", 500, "SUCCESS"));
		assertThat(lines.get(1).tradeTime()).isEqualTo(Instant.parse("2026-11-26T03:00:00Z"));
	}

	@Test
	void readsTheRefundsOfARefundBill() {
		var bill = String.join("\r\n", REFUND_HEADER,
				"`2026-11-25 09:00:00,`wx0,`1900000000,`0,`,`4200000007,`20261125order7,`oUser,`NATIVE,`REFUND,`CMC,"
						+ "`CNY,`0.00,`0.00,`2026-11-26 10:00:00,`2026-11-26 10:00:03,`5030000002,`20261126refund2,`1.50,"
						+ "`0.00,`ORIGINAL,`SUCCESS,`Mug,`blue,`order,`-0.00900,`0.60%,`0.00,`1.50,`",
				"`2026-11-25 09:30:00,`wx0,`1900000000,`0,`,`4200000008,`20261125order8,`oUser,`NATIVE,`REFUND,`CMC,"
						+ "`CNY,`0.00,`0.00,`2026-11-26 23:59:58,`,`5030000003,`20261126refund3,`0.01,"
						+ "`0.00,`ORIGINAL,`PROCESSING,`Tea,`,`0.00000,`0.60%,`0.00,`0.01,`",
				SUMMARY_HEADER, "`2,`0.00,`1.51,`0.00,`-0.00900,`0.00,`1.51");

		var lines = BillStatement.linesOf(new Bill(DATE, BillType.REFUND, bill));

		assertThat(lines).extracting(BillLine::orderId, BillLine::transactionId, BillLine::refund).containsExactly(
				tuple("20261125order7", "4200000007", new BillRefund("5030000002", "20261126refund2", 150, "SUCCESS")),
				tuple("20261125order8", "4200000008", new BillRefund("5030000003", "20261126refund3", 1, "PROCESSING")));
		assertThat(lines.get(0).refund().succeeded()).isTrue();
		assertThat(lines.get(1).refund().succeeded()).isFalse();
	}

	@Test
	void readsTheAmountAskedForRatherThanTheSettledRefund() {
		var bill = String.join("\n", ALL_HEADER,
				"`2026-11-26 11:00:00,`wx0,`1900000000,`0,`,`4200000001,`20261126order1,`oUser,`NATIVE,`REFUND,`CMC,"
						+ "`CNY,`0.00,`0.00,`5030000001,`R1,`4.00,`1.00,`ORIGINAL,`SUCCESS,`Mug,`order,`-0.02400,`0.60%,"
						+ "`0.00,`5.00,`",
				SUMMARY_HEADER, "`1,`0.00,`4.00,`1.00,`-0.02400,`0.00,`5.00");

		assertThat(BillStatement.linesOf(new Bill(DATE, BillType.ALL, bill)))
			.singleElement()
			.satisfies(line -> assertThat(line.refund().refundFee()).isEqualTo(500));
	}

	@Test
	void refusesARefundLineWithoutRefundNumber() {
		var bill = String.join("\n", ALL_HEADER,
				"`2026-11-26 11:00:00,`wx0,`1900000000,`0,`,`4200000001,`20261126order1,`oUser,`NATIVE,`REFUND,`CMC,"
						+ "`CNY,`0.00,`0.00,`5030000001,`,`5.00,`0.00,`ORIGINAL,`SUCCESS,`Mug,`order,`-0.03000,`0.60%,"
						+ "`0.00,`5.00,`",
				SUMMARY_HEADER, "`1,`0.00,`5.00,`0.00,`-0.03000,`0.00,`5.00");

		assertThatThrownBy(() -> BillStatement.linesOf(new Bill(DATE, BillType.ALL, bill)))
			.isInstanceOf(BillFormatException.class)
			.hasMessageContaining("line 2")
			.hasMessageContaining("商户退款单号");
	}

	@Test
	void refusesARefundLineInABillWithoutRefundColumns() {
		var bill = String.join("\r\n", SUCCESS_HEADER,
				"`2026-11-26 10:15:30,`wx0,`1900000000,`0,`,`4200000001,`20261126order1,`oUser,`NATIVE,"
						+ "`REFUND,`CMC,`CNY,`0.00,`0.00,`Mug,`order,`0.00000,`0.60%,`0.00,`",
				SUMMARY_HEADER, "`1,`0.00,`0.00,`0.00,`0.00000,`0.00,`0.00");

		assertThatThrownBy(() -> BillStatement.linesOf(new Bill(DATE, BillType.SUCCESS, bill)))
			.isInstanceOf(BillFormatException.class)
			.hasMessageContaining("微信退款单号");
	}

	@Test
	void readsColumnsAfterAProductNameContainingTheSeparator() {
		var bill = String.join("\r\n", SUCCESS_HEADER,
				"`2026-11-26 10:15:30,`wx0,`1900000000,`0,`,`4200000001,`20261126order1,`oUser,`NATIVE,"
						+ "`SUCCESS,`CMC,`CNY,`12.34,`0.00,`Mug,`blue,`order,`0.07404,`0.60%,`12.34,`",
				SUMMARY_HEADER, "`1,`12.34,`0.00,`0.00,`0.07404,`12.34,`0.00");

		assertThat(BillStatement.linesOf(new Bill(DATE, BillType.SUCCESS, bill)))
			.singleElement()
			.satisfies(line -> assertThat(line.totalFee()).isEqualTo(1234));
	}

	@Test
	void readsABillWithoutTransactions() {
		var bill = String.join("\r\n", SUCCESS_HEADER, SUMMARY_HEADER, "`0,`0.00,`0.00,`0.00,`0.00000,`0.00,`0.00");

		assertThat(BillStatement.linesOf(new Bill(DATE, BillType.SUCCESS, bill))).isEmpty();
	}

	@Test
	void refusesABillWithoutSummary() {
		var bill = SUCCESS_HEADER + "\r\n`2026-11-26 10:15:30,`wx0,`1900000000,`0,`,`4200000001,`20261126order1,`oUser,"
				+ "`NATIVE,`SUCCESS,`CMC,`CNY,`12.34,`0.00,`Mug,`order,`0.07404,`0.60%,`12.34,`";

		assertThatThrownBy(() -> BillStatement.linesOf(new Bill(DATE, BillType.SUCCESS, bill)))
			.isInstanceOf(BillFormatException.class)
			.hasMessageContaining("no summary");
	}

	@Test
	void refusesAnAmountWithMoreThanTwoDecimals() {
		var bill = String.join("\r\n", SUCCESS_HEADER,
				"`2026-11-26 10:15:30,`wx0,`1900000000,`0,`,`4200000001,`20261126order1,`oUser,`NATIVE,"
						+ "`SUCCESS,`CMC,`CNY,`12.345,`0.00,`Mug,`order,`0.07404,`0.60%,`12.345,`",
				SUMMARY_HEADER, "`1,`12.34,`0.00,`0.00,`0.07404,`12.34,`0.00");

		assertThatThrownBy(() -> BillStatement.linesOf(new Bill(DATE, BillType.SUCCESS, bill)))
			.isInstanceOf(BillFormatException.class)
			.hasMessageContaining("line 2");
	}

	@Test
	void refusesAHeaderWithoutTheTransactionId() {
		var bill = String.join("\r\n", "交易时间,商户订单号,交易状态,订单金额", SUMMARY_HEADER, "`0");

		assertThatThrownBy(() -> BillStatement.linesOf(new Bill(DATE, BillType.SUCCESS, bill)))
			.isInstanceOf(BillFormatException.class)
			.hasMessageContaining("微信订单号");
	}
}
