package dev.scanpay.sandbox;

import dev.scanpay.sandbox.ApiFailure.ReturnFail;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily statement downloadbill serves, in WeChat's text format: a header line, one line per paid trade and per
 * refund of the Beijing day, a summary header and a summary line; every field prefixed with a backtick, amounts in
 * yuan, fees at 0.60% with five decimals (a refund's negative). A refund is billed on the day WeChat accepted it
 * (发起退款成功), with that time as 交易时间, 交易状态 REFUND, and its 退款状态 as the bill is made, PROCESSING
 * included, as WeChat's 交易账单详细说明 describes. {@code SUCCESS} lists the paid trades, {@code REFUND} the refunds,
 * {@code ALL} both, each type with WeChat's columns (docs/wechat-refund-fields.md). It makes a day's bill at once
 * instead of the next morning. The faults {@code omitFromBill} and {@code billAmountDelta} leave a paid trade and its
 * refunds out of the bill or change their amounts there.
 */
@Component
@WhenSandboxEnabled
class Bills {

	static final String SUCCESS_HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
			+ "交易状态,付款银行,货币种类,应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注";
	static final String ALL_HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
			+ "交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,"
			+ "退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
	static final String REFUND_HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
			+ "交易状态,付款银行,货币种类,应结订单金额,代金券金额,退款申请时间,退款成功时间,微信退款单号,商户退款单号,退款金额,"
			+ "充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
	static final String SUMMARY_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";

	private static final BigDecimal FEE_RATE = new BigDecimal("0.006");
	private static final String ZERO = "0.00";

	private final TradeRepository trades;
	private final SandboxRefundRepository refunds;
	private final FaultBook faults;

	Bills(TradeRepository trades, SandboxRefundRepository refunds, FaultBook faults) {
		this.trades = trades;
		this.refunds = refunds;
		this.faults = faults;
	}

	/**
	 * @return the bill's text, or empty when there is no bill for that day ({@code No Bill Exist})
	 */
	@Transactional(readOnly = true)
	Optional<String> bill(String billDate, String billType) {
		var date = BeijingTime.parseDate(billDate).orElseThrow(() -> new ReturnFail("invalid bill_date"));
		return switch (billType) {
			case "SUCCESS" -> render(SUCCESS_HEADER, paidOn(date).stream().map(Bills::successLine).toList());
			case "ALL" -> render(ALL_HEADER, Stream.concat(paidOn(date).stream().map(Bills::allLine),
					refundsAcceptedOn(date).stream().map(Bills::allLine)).toList());
			case "REFUND" -> render(REFUND_HEADER, refundsAcceptedOn(date).stream().map(Bills::refundLine).toList());
			default -> throw new ReturnFail("invalid bill_type");
		};
	}

	private List<BilledTrade> paidOn(LocalDate date) {
		var paid = trades.findPaidBetween(BeijingTime.startOf(date), BeijingTime.startOf(date.plusDays(1)));
		var faultsOf = faults.effectiveFor(paid.stream().map(Trade::outTradeNo).toList());
		return paid.stream()
			.filter(trade -> !faultsOf.get(trade.outTradeNo()).omitFromBill())
			.map(trade -> new BilledTrade(trade, trade.totalFee() + faultsOf.get(trade.outTradeNo()).billAmountDelta()))
			.toList();
	}

	private List<BilledRefund> refundsAcceptedOn(LocalDate date) {
		var accepted = refunds.findAcceptedBetween(BeijingTime.startOf(date), BeijingTime.startOf(date.plusDays(1)));
		var tradesById = trades.findAllById(accepted.stream().map(SandboxRefund::outTradeNo).distinct().toList())
			.stream()
			.collect(Collectors.toMap(Trade::outTradeNo, trade -> trade));
		var faultsOf = faults.effectiveFor(tradesById.keySet());
		return accepted.stream()
			.filter(refund -> !faultsOf.get(refund.outTradeNo()).omitFromBill())
			.map(refund -> new BilledRefund(tradesById.get(refund.outTradeNo()), refund,
					refund.refundFee() + faultsOf.get(refund.outTradeNo()).billAmountDelta()))
			.toList();
	}

	/**
	 * @param totalFee the amount the bill shows, in fen
	 */
	private record BilledTrade(Trade trade, long totalFee) {
	}

	/**
	 * @param refundFee the amount the bill shows, in fen
	 */
	private record BilledRefund(Trade trade, SandboxRefund refund, long refundFee) {
	}

	/** One line of a bill and what it adds to the summary. */
	private record Line(String text, BigDecimal paid, BigDecimal refunded, BigDecimal fee) {
	}

	private static Line successLine(BilledTrade billed) {
		var amount = yuan(billed.totalFee());
		var fee = fee(amount);
		var trade = billed.trade();
		return new Line(line(Stream.concat(tradeColumns(trade, trade.timeEnd(), "SUCCESS", amount.toPlainString()),
				Stream.of(trade.body(), attach(trade), fee.toPlainString(), "0.60%", amount.toPlainString(), ""))),
				amount, BigDecimal.ZERO, fee);
	}

	private static Line allLine(BilledTrade billed) {
		var amount = yuan(billed.totalFee());
		var fee = fee(amount);
		var trade = billed.trade();
		return new Line(line(Stream.of(tradeColumns(trade, trade.timeEnd(), "SUCCESS", amount.toPlainString()),
				Stream.of("0", "0", ZERO, ZERO, "", ""),
				Stream.of(trade.body(), attach(trade), fee.toPlainString(), "0.60%", amount.toPlainString(), ZERO, ""))
			.flatMap(s -> s)), amount, BigDecimal.ZERO, fee);
	}

	private static Line allLine(BilledRefund billed) {
		var refund = billed.refund();
		var amount = yuan(billed.refundFee());
		var fee = fee(amount).negate();
		var trade = billed.trade();
		return new Line(line(Stream.of(tradeColumns(trade, refund.createdAt(), "REFUND", ZERO),
				Stream.of(refund.refundId(), refund.outRefundNo(), amount.toPlainString(), ZERO, "ORIGINAL",
						refund.status().name()),
				Stream.of(trade.body(), attach(trade), fee.toPlainString(), "0.60%", ZERO, amount.toPlainString(), ""))
			.flatMap(s -> s)), BigDecimal.ZERO, amount, fee);
	}

	private static Line refundLine(BilledRefund billed) {
		var refund = billed.refund();
		var amount = yuan(billed.refundFee());
		var fee = fee(amount).negate();
		var trade = billed.trade();
		return new Line(line(Stream.of(tradeColumns(trade, refund.createdAt(), "REFUND", ZERO),
				Stream.of(BeijingTime.billTime(refund.createdAt()),
						refund.successTime() == null ? "" : BeijingTime.billTime(refund.successTime()),
						refund.refundId(), refund.outRefundNo(), amount.toPlainString(), ZERO, "ORIGINAL",
						refund.status().name()),
				Stream.of(trade.body(), attach(trade), fee.toPlainString(), "0.60%", ZERO, amount.toPlainString(), ""))
			.flatMap(s -> s)), BigDecimal.ZERO, amount, fee);
	}

	/** 交易时间 to 代金券金额, the columns every bill type starts with. */
	private static Stream<String> tradeColumns(Trade trade, Instant time, String state, String settled) {
		return Stream.of(BeijingTime.billTime(time), trade.appid(), trade.mchId(), "0", "",
				trade.transactionId(), trade.outTradeNo(), trade.openid(), "NATIVE", state,
				PaymentNotifications.BANK_TYPE, "CNY", settled, ZERO);
	}

	private static Optional<String> render(String header, List<Line> lines) {
		if (lines.isEmpty()) {
			return Optional.empty();
		}
		var bill = new StringBuilder(header).append("\r\n");
		var paid = BigDecimal.ZERO;
		var refunded = BigDecimal.ZERO;
		var fees = BigDecimal.ZERO;
		for (var line : lines) {
			bill.append(line.text()).append("\r\n");
			paid = paid.add(line.paid());
			refunded = refunded.add(line.refunded());
			fees = fees.add(line.fee());
		}
		bill.append(SUMMARY_HEADER).append("\r\n");
		bill.append(line(Stream.of(String.valueOf(lines.size()), paid.setScale(2).toPlainString(),
				refunded.setScale(2).toPlainString(), ZERO, fees.setScale(5, RoundingMode.HALF_UP).toPlainString(),
				paid.setScale(2).toPlainString(), refunded.setScale(2).toPlainString())))
			.append("\r\n");
		return Optional.of(bill.toString());
	}

	private static String attach(Trade trade) {
		return trade.attach() == null ? "" : trade.attach();
	}

	private static BigDecimal fee(BigDecimal amount) {
		return amount.multiply(FEE_RATE).setScale(5, RoundingMode.HALF_UP);
	}

	private static BigDecimal yuan(long fen) {
		return BigDecimal.valueOf(fen, 2);
	}

	private static String line(Stream<String> fields) {
		return fields.map(field -> "`" + field).collect(Collectors.joining(","));
	}
}
