package dev.scanpay.sandbox;

import static dev.scanpay.sandbox.SandboxCaller.outTradeNo;
import static dev.scanpay.sandbox.SandboxCaller.unifiedOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.BeijingDay;
import dev.scanpay.IntegrationTest;
import dev.scanpay.wechat.SignType;
import dev.scanpay.wechat.WeChatXml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@IntegrationTest
class BillTests {

	@Autowired MockMvcTester mvc;
	@Value("${scanpay.sandbox.tls-port}") int tlsPort;
	SandboxCaller caller;

	@BeforeEach
	void caller() {
		caller = new SandboxCaller(mvc);
	}

	@BeforeEach
	void notAcrossMidnightInBeijing() {
		BeijingDay.awayFromMidnight();
	}

	@Test
	void listsTheDaysPaidTradesInWeChatsBillFormat() {
		var first = payNewTrade(1234);
		var second = payNewTrade(1);

		var lines = billLines(bill("SUCCESS", null));

		assertThat(lines.get(0)).isEqualTo(Bills.SUCCESS_HEADER);
		var summaryHeader = lines.indexOf(Bills.SUMMARY_HEADER);
		assertThat(summaryHeader).isEqualTo(lines.size() - 2);
		var trades = lines.subList(1, summaryHeader);
		var firstLine = fields(trades.stream().filter(line -> line.contains(first)).findFirst().orElseThrow());
		assertThat(firstLine).hasSize(20).allMatch(field -> field.startsWith("`"));
		assertThat(firstLine.get(0)).matches("`\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
		assertThat(firstLine.get(6)).isEqualTo("`" + first);
		assertThat(firstLine.get(9)).isEqualTo("`SUCCESS");
		assertThat(firstLine.get(12)).isEqualTo("`12.34");
		assertThat(firstLine.get(16)).isEqualTo("`0.07404");
		assertThat(firstLine.get(17)).isEqualTo("`0.60%");
		assertThat(trades).anyMatch(line -> line.contains(second) && line.contains("`0.01,"));
		var summary = fields(lines.get(lines.size() - 1));
		assertThat(summary.get(0)).isEqualTo("`" + trades.size());
	}

	@Test
	void listsRefundColumnsInTheAllBill() {
		var paid = payNewTrade(500);

		var lines = billLines(bill("ALL", null));

		assertThat(lines.get(0)).isEqualTo(Bills.ALL_HEADER);
		var line = fields(lines.stream().filter(l -> l.contains(paid)).findFirst().orElseThrow());
		assertThat(line).hasSize(27);
		assertThat(line.get(12)).isEqualTo("`5.00");
		assertThat(line.get(24)).isEqualTo("`5.00");
	}

	@Test
	void listsTheDaysSucceededRefundsInTheRefundAndAllBillsOnly() {
		var paid = payNewTrade(500);
		var outRefundNo = "R" + paid;
		var refund = Secapi.merchant(tlsPort).refund(Map.of("out_trade_no", paid, "out_refund_no", outRefundNo,
				"total_fee", "500", "refund_fee", "120")).fields();
		await().atMost(Duration.ofSeconds(10)).until(() -> "SUCCESS"
			.equals(caller.call("refundquery", Map.of("out_refund_no", outRefundNo)).get("refund_status_0")));

		var refundBill = billLines(bill("REFUND", null));
		var allBill = billLines(bill("ALL", null));
		var successBill = billLines(bill("SUCCESS", null));

		assertThat(refundBill.get(0)).isEqualTo(Bills.REFUND_HEADER);
		var refundLine = fields(refundBill.stream().filter(l -> l.contains(outRefundNo)).findFirst().orElseThrow());
		assertThat(refundLine).hasSize(29);
		assertThat(refundLine.get(6)).isEqualTo("`" + paid);
		assertThat(refundLine.get(9)).isEqualTo("`REFUND");
		assertThat(refundLine.get(12)).isEqualTo("`0.00");
		assertThat(refundLine.get(14)).matches("`\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
		assertThat(refundLine.get(15)).matches("`\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
		assertThat(refundLine.get(16)).isEqualTo("`" + refund.get("refund_id"));
		assertThat(refundLine.get(17)).isEqualTo("`" + outRefundNo);
		assertThat(refundLine.get(18)).isEqualTo("`1.20");
		assertThat(refundLine.get(20)).isEqualTo("`ORIGINAL");
		assertThat(refundLine.get(21)).isEqualTo("`SUCCESS");
		assertThat(refundLine.get(24)).isEqualTo("`-0.00720");
		assertThat(refundLine.get(27)).isEqualTo("`1.20");
		assertThat(refundBill.get(refundBill.size() - 2)).isEqualTo(Bills.SUMMARY_HEADER);
		assertThat(fields(refundBill.get(refundBill.size() - 1)).get(1)).isEqualTo("`0.00");

		var allLines = allBill.stream().filter(l -> l.contains(paid)).map(BillTests::fields).toList();
		assertThat(allLines).hasSize(2).allSatisfy(line -> assertThat(line).hasSize(27));
		var refundInAll = allLines.stream().filter(line -> line.get(9).equals("`REFUND")).findFirst().orElseThrow();
		assertThat(refundInAll.get(14)).isEqualTo("`" + refund.get("refund_id"));
		assertThat(refundInAll.get(15)).isEqualTo("`" + outRefundNo);
		assertThat(refundInAll.get(16)).isEqualTo("`1.20");
		assertThat(refundInAll.get(19)).isEqualTo("`SUCCESS");
		assertThat(refundInAll.get(25)).isEqualTo("`1.20");
		assertThat(allLines).anySatisfy(line -> assertThat(line.get(9)).isEqualTo("`SUCCESS"));
		assertThat(successBill).anyMatch(l -> l.contains(paid)).noneMatch(l -> l.contains(outRefundNo));
	}

	@Test
	void compressesTheBillWhenAskedForGzip() throws IOException {
		payNewTrade(100);

		var plain = bill("SUCCESS", null);
		var gzipped = bill("SUCCESS", "GZIP");

		try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
				.isEqualTo(new String(plain, StandardCharsets.UTF_8));
		}
	}

	@Test
	void answersNoBillExistForADayWithoutPayments() {
		var answer = WeChatXml.parse(caller.postRaw("downloadbill", xml(Map.of("bill_date", "20200101"))));

		assertThat(answer).containsEntry("return_code", "FAIL").containsEntry("return_msg", "No Bill Exist")
			.containsEntry("error_code", "20002");
	}

	@Test
	void rejectsAnUnknownBillType() {
		var answer = WeChatXml.parse(caller.postRaw("downloadbill",
				xml(Map.of("bill_date", BeijingTime.date(Instant.now()), "bill_type", "EVERYTHING"))));

		assertThat(answer).containsEntry("return_code", "FAIL").containsEntry("return_msg", "invalid bill_type");
	}

	private byte[] bill(String billType, String tarType) {
		var fields = new java.util.LinkedHashMap<String, String>();
		fields.put("bill_date", BeijingTime.date(Instant.now()));
		fields.put("bill_type", billType);
		if (tarType != null) {
			fields.put("tar_type", tarType);
		}
		return caller.postRaw("downloadbill", xml(fields));
	}

	private static byte[] xml(Map<String, String> business) {
		return WeChatXml.write(SandboxCaller.signed(business, SignType.MD5)).getBytes(StandardCharsets.UTF_8);
	}

	private static List<String> billLines(byte[] bill) {
		return Arrays.asList(new String(bill, StandardCharsets.UTF_8).split("\r\n"));
	}

	private static List<String> fields(String line) {
		return Arrays.asList(line.split(",", -1));
	}

	private String payNewTrade(long totalFee) {
		var outTradeNo = outTradeNo();
		var codeUrl = caller.call("unifiedorder", unifiedOrder(outTradeNo, totalFee, "http://127.0.0.1:9/notify"))
			.get("code_url");
		assertThat(mvc.post().uri("/sandbox/payer/pay").contentType(MediaType.APPLICATION_JSON)
			.content("{\"codeUrl\":\"%s\",\"result\":\"SUCCESS\"}".formatted(codeUrl)).exchange()).hasStatusOk();
		return outTradeNo;
	}
}
