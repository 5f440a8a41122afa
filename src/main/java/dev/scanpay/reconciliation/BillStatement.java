package dev.scanpay.reconciliation;

import dev.scanpay.wechat.Bill;
import dev.scanpay.wechat.WeChatTimes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the transaction lines of a daily bill ({@code SUCCESS}, {@code ALL} or {@code REFUND}). The header line
 * names the columns, so the formats (and WeChat's older ones without 订单金额 or 申请退款金额) read alike;
 * transaction fields start with a backtick. A {@code REFUND} line also carries its refund's columns. Columns
 * after 商品名称 are counted from the end of the line, so a product name or attach containing the separator does
 * not shift them.
 */
final class BillStatement {

	private static final String SUMMARY_HEADER_START = "总交易单数";
	private static final String PRODUCT = "商品名称";
	private static final String WECHAT_REFUND_ID = "微信退款单号";
	private static final String OUT_REFUND_NO = "商户退款单号";
	private static final String REFUND_FEE = "退款金额";
	private static final String REFUND_STATUS = "退款状态";
	private static final DateTimeFormatter TRADE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private BillStatement() {
	}

	/**
	 * @throws BillFormatException if the bill is not in WeChat's format
	 */
	static List<BillLine> linesOf(Bill bill) {
		var lines = bill.lines();
		if (lines.isEmpty()) {
			throw new BillFormatException("the bill is empty");
		}
		var header = Arrays.asList(unquoted(lines.get(0)).replace("\uFEFF", "").split(",", -1));
		var columns = new Columns(header);
		var result = new ArrayList<BillLine>();
		for (int i = 1; i < lines.size(); i++) {
			var line = lines.get(i);
			if (unquoted(line).startsWith(SUMMARY_HEADER_START)) {
				return result;
			}
			result.add(columns.read(line, i + 1));
		}
		throw new BillFormatException("the bill has no summary");
	}

	private static String unquoted(String line) {
		return line.startsWith("`") ? line.substring(1) : line;
	}

	private static final class Columns {

		private final int size;
		private final int product;
		private final int tradeTime;
		private final int transactionId;
		private final int orderId;
		private final int status;
		private final int totalFee;
		private final int wechatRefundId;
		private final int outRefundNo;
		private final int refundFee;
		private final int refundStatus;

		Columns(List<String> header) {
			this.size = header.size();
			this.product = header.indexOf(PRODUCT);
			this.tradeTime = required(header, "交易时间");
			this.transactionId = required(header, "微信订单号");
			this.orderId = required(header, "商户订单号");
			this.status = required(header, "交易状态");
			this.totalFee = header.contains("订单金额") ? header.indexOf("订单金额") : required(header, "应结订单金额");
			this.wechatRefundId = header.indexOf(WECHAT_REFUND_ID);
			this.outRefundNo = header.indexOf(OUT_REFUND_NO);
			this.refundFee = header.contains("申请退款金额") ? header.indexOf("申请退款金额") : header.indexOf(REFUND_FEE);
			this.refundStatus = header.indexOf(REFUND_STATUS);
		}

		private static int required(List<String> header, String name) {
			int index = header.indexOf(name);
			if (index < 0) {
				throw new BillFormatException("the bill's header has no " + name);
			}
			return index;
		}

		BillLine read(String line, int number) {
			if (!line.startsWith("`")) {
				throw new BillFormatException("line %d is not a transaction line".formatted(number));
			}
			var fields = line.substring(1).split(",`", -1);
			if (fields.length < size) {
				throw new BillFormatException("line %d has %d fields, the header %d".formatted(number, fields.length, size));
			}
			try {
				var lineStatus = field(fields, status);
				return new BillLine(field(fields, transactionId), field(fields, orderId), lineStatus,
						fen(field(fields, totalFee)), time(field(fields, tradeTime)),
						BillLine.REFUND.equals(lineStatus) ? refund(fields, number) : null);
			}
			catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
				throw new BillFormatException("line %d: %s".formatted(number, e.getMessage()));
			}
		}

		private BillRefund refund(String[] fields, int number) {
			return new BillRefund(refundField(fields, wechatRefundId, WECHAT_REFUND_ID, number),
					refundField(fields, outRefundNo, OUT_REFUND_NO, number),
					fen(refundField(fields, refundFee, REFUND_FEE, number)),
					refundField(fields, refundStatus, REFUND_STATUS, number));
		}

		private String refundField(String[] fields, int column, String name, int number) {
			if (column < 0) {
				throw new BillFormatException("line %d is a refund, the bill's header has no %s".formatted(number, name));
			}
			var value = field(fields, column);
			if (value.isEmpty()) {
				throw new BillFormatException("line %d is a refund without %s".formatted(number, name));
			}
			return value;
		}

		private String field(String[] fields, int column) {
			var value = product >= 0 && column > product ? fields[fields.length - (size - column)] : fields[column];
			return value.strip();
		}

		private static long fen(String yuan) {
			return new BigDecimal(yuan).movePointRight(2).longValueExact();
		}

		private static Instant time(String text) {
			return LocalDateTime.parse(text, TRADE_TIME).toInstant(WeChatTimes.BEIJING);
		}
	}
}
