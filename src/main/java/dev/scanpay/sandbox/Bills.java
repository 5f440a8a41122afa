package dev.scanpay.sandbox;

import dev.scanpay.sandbox.ApiFailure.ReturnFail;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily statement downloadbill serves, in WeChat's text format: a header line, one line per paid trade
 * of the Beijing day, a summary header and a summary line; every field prefixed with a backtick, amounts in
 * yuan, fees at 0.60% with five decimals. The emulator has no refunds, so {@code REFUND} bills are empty, and
 * it makes a day's bill at once instead of the next morning. The faults {@code omitFromBill} and
 * {@code billAmountDelta} leave a trade out of the bill or change its amounts there.
 */
@Component
@WhenSandboxEnabled
class Bills {

	static final String SUCCESS_HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
			+ "交易状态,付款银行,货币种类,应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注";
	static final String ALL_HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
			+ "交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,"
			+ "退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
	static final String SUMMARY_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";

	private static final BigDecimal FEE_RATE = new BigDecimal("0.006");

	private final TradeRepository trades;
	private final FaultBook faults;

	Bills(TradeRepository trades, FaultBook faults) {
		this.trades = trades;
		this.faults = faults;
	}

	/**
	 * @return the bill's text, or empty when there is no bill for that day ({@code No Bill Exist})
	 */
	@Transactional(readOnly = true)
	Optional<String> bill(String billDate, String billType) {
		var date = BeijingTime.parseDate(billDate).orElseThrow(() -> new ReturnFail("invalid bill_date"));
		return switch (billType) {
			case "ALL", "SUCCESS" -> render(paidOn(date), billType.equals("ALL"));
			case "REFUND" -> Optional.empty();
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

	/**
	 * @param totalFee the amount the bill shows, in fen
	 */
	private record BilledTrade(Trade trade, long totalFee) {
	}

	private static Optional<String> render(List<BilledTrade> paid, boolean all) {
		if (paid.isEmpty()) {
			return Optional.empty();
		}
		var bill = new StringBuilder(all ? ALL_HEADER : SUCCESS_HEADER).append("\r\n");
		var total = BigDecimal.ZERO;
		var fees = BigDecimal.ZERO;
		for (var billed : paid) {
			var trade = billed.trade();
			var amount = yuan(billed.totalFee());
			var fee = amount.multiply(FEE_RATE).setScale(5, RoundingMode.HALF_UP);
			total = total.add(amount);
			fees = fees.add(fee);
			var head = Stream.of(BeijingTime.billTime(trade.timeEnd()), trade.appid(), trade.mchId(), "0", "",
					trade.transactionId(), trade.outTradeNo(), trade.openid(), "NATIVE", "SUCCESS",
					PaymentNotifications.BANK_TYPE, "CNY", amount.toPlainString(), "0.00");
			var refund = all ? Stream.of("0", "0", "0.00", "0.00", "", "") : Stream.<String>empty();
			var tail = Stream.of(trade.body(), trade.attach() == null ? "" : trade.attach(), fee.toPlainString(),
					"0.60%", amount.toPlainString());
			var refundRequested = all ? Stream.of("0.00") : Stream.<String>empty();
			bill.append(line(Stream.of(head, refund, tail, refundRequested, Stream.of(""))
				.flatMap(s -> s))).append("\r\n");
		}
		bill.append(SUMMARY_HEADER).append("\r\n");
		bill.append(line(Stream.of(String.valueOf(paid.size()), total.toPlainString(), "0.00", "0.00",
				fees.setScale(5, RoundingMode.HALF_UP).toPlainString(), total.toPlainString(), "0.00")))
			.append("\r\n");
		return Optional.of(bill.toString());
	}

	private static BigDecimal yuan(long fen) {
		return BigDecimal.valueOf(fen, 2);
	}

	private static String line(Stream<String> fields) {
		return fields.map(field -> "`" + field).collect(Collectors.joining(","));
	}
}
