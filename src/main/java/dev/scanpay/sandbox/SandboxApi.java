package dev.scanpay.sandbox;

import dev.scanpay.sandbox.ApiFailure.ResultFail;
import dev.scanpay.sandbox.ApiFailure.ReturnFail;
import dev.scanpay.wechat.WeChatXml;
import dev.scanpay.wechat.WeChatXmlException;

import jakarta.servlet.http.HttpServletRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * WeChat Pay v2's merchant API under {@code /sandbox}: point a client's base URL at
 * {@code http://host:port/sandbox} and it pays against the emulator unchanged.
 */
@RestController
@WhenSandboxEnabled
@RequestMapping("/sandbox")
class SandboxApi {

	private static final MediaType XML = new MediaType("text", "xml", StandardCharsets.UTF_8);

	private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

	private final MerchantGate gate;
	private final TradeDesk desk;
	private final RefundDesk refunds;
	private final ClientCertificates certificates;
	private final Bills bills;

	SandboxApi(MerchantGate gate, TradeDesk desk, RefundDesk refunds, ClientCertificates certificates, Bills bills) {
		this.gate = gate;
		this.desk = desk;
		this.refunds = refunds;
		this.certificates = certificates;
		this.bills = bills;
	}

	@RequestMapping("/pay/unifiedorder")
	ResponseEntity<String> unifiedOrder(HttpServletRequest http) {
		return call(http, desk::unifiedOrder);
	}

	@RequestMapping("/pay/orderquery")
	ResponseEntity<String> orderQuery(HttpServletRequest http) {
		return call(http, desk::query);
	}

	@RequestMapping("/pay/closeorder")
	ResponseEntity<String> closeOrder(HttpServletRequest http) {
		return call(http, desk::close);
	}

	/**
	 * Only over the TLS connector with the merchant's client certificate: the front end answers a call without one,
	 * or with one the emulator CA did not issue, with nginx's HTTP 400 page; a certificate of another merchant than
	 * the call's {@code mch_id} is {@code certificate not match}. A refund stored under the fault
	 * {@code refundAnswerDelayMillis} is answered only after that delay, after its transaction committed.
	 */
	@RequestMapping("/secapi/pay/refund")
	ResponseEntity<String> refund(HttpServletRequest http) {
		String certified;
		try {
			certified = certificates.merchantOf(http);
		}
		catch (ClientCertificates.RefusedCertificate refused) {
			return ResponseEntity.badRequest().contentType(HTML).body(refused.refusal().page());
		}
		var answer = call(http, fields -> {
			var mchId = fields.get("mch_id");
			if (mchId != null && !mchId.isEmpty() && !mchId.equals(certified)) {
				throw new ReturnFail("certificate not match");
			}
		}, refunds::refund);
		var hold = refunds.answerHold(answer.fields());
		if (hold != null) {
			try {
				Thread.sleep(hold.toMillis());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		return xml(answer.fields());
	}

	@RequestMapping("/pay/refundquery")
	ResponseEntity<String> refundQuery(HttpServletRequest http) {
		return call(http, refunds::query);
	}

	/**
	 * A bill is plain text (GZIP with {@code tar_type=GZIP}), not XML; only failures are XML, unsigned.
	 */
	@RequestMapping("/pay/downloadbill")
	ResponseEntity<?> downloadBill(HttpServletRequest http) {
		Map<String, String> fields;
		try {
			fields = gate.admit(read(http)).fields();
			var billType = fields.getOrDefault("bill_type", "ALL");
			var bill = bills.bill(fields.getOrDefault("bill_date", ""), billType.isEmpty() ? "ALL" : billType);
			if (bill.isEmpty()) {
				return noBill();
			}
			var text = bill.get().getBytes(StandardCharsets.UTF_8);
			if ("GZIP".equals(fields.get("tar_type"))) {
				return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(gzip(text));
			}
			return ResponseEntity.ok().contentType(new MediaType("text", "plain", StandardCharsets.UTF_8)).body(text);
		}
		catch (ReturnFail failure) {
			return xml(Map.of("return_code", "FAIL", "return_msg", failure.getMessage()));
		}
		catch (ResultFail failure) {
			return xml(Map.of("return_code", "FAIL", "return_msg", failure.getMessage()));
		}
	}

	private ResponseEntity<String> call(HttpServletRequest http, Function<SignedRequest, Map<String, String>> call) {
		return xml(call(http, fields -> {
		}, call).fields());
	}

	/** The answer to an API call, as fields. */
	private record Answer(Map<String, String> fields) {
	}

	/**
	 * @param before checks the call's fields before the merchant gate admits it
	 */
	private Answer call(HttpServletRequest http, Consumer<Map<String, String>> before,
			Function<SignedRequest, Map<String, String>> call) {
		Map<String, String> fields = Map.of();
		@Nullable SignedRequest request = null;
		try {
			fields = read(http);
			before.accept(fields);
			request = gate.admit(fields);
			return new Answer(gate.succeed(request, call.apply(request)));
		}
		catch (ReturnFail failure) {
			return new Answer(Map.of("return_code", "FAIL", "return_msg", failure.getMessage()));
		}
		catch (ResultFail failure) {
			return new Answer(request != null ? gate.refuse(request, failure) : gate.refuse(fields, failure));
		}
		catch (DataIntegrityViolationException raced) {
			// Two first unifiedorders for one out_trade_no (or refunds for one out_refund_no) at once: WeChat too
			// asks to retry.
			var failure = new ResultFail("SYSTEMERROR", "系统繁忙,请稍后再试");
			return new Answer(request != null ? gate.refuse(request, failure) : gate.refuse(fields, failure));
		}
	}

	private static Map<String, String> read(HttpServletRequest http) {
		if (!"POST".equals(http.getMethod())) {
			throw new ReturnFail("请使用post方法");
		}
		byte[] body;
		try {
			body = http.getInputStream().readNBytes(WeChatXml.MAX_BODY_BYTES + 1);
		}
		catch (IOException e) {
			throw new ReturnFail("post数据读取失败");
		}
		if (body.length == 0) {
			throw new ReturnFail("post数据为空");
		}
		try {
			return WeChatXml.parse(body);
		}
		catch (WeChatXmlException e) {
			throw new ReturnFail("XML格式错误: " + e.getMessage());
		}
	}

	private static ResponseEntity<String> xml(Map<String, String> fields) {
		return ResponseEntity.ok().contentType(XML).body(WeChatXml.write(fields));
	}

	private static ResponseEntity<String> noBill() {
		var fields = new LinkedHashMap<String, String>();
		fields.put("return_code", "FAIL");
		fields.put("return_msg", "No Bill Exist");
		fields.put("error_code", "20002");
		return xml(fields);
	}

	private static byte[] gzip(byte[] text) {
		var out = new ByteArrayOutputStream();
		try (var gzip = new GZIPOutputStream(out)) {
			gzip.write(text);
		}
		catch (IOException e) {
			throw new IllegalStateException("Writing to memory cannot fail", e);
		}
		return out.toByteArray();
	}
}
