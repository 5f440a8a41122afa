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
@RequestMapping("/sandbox/pay")
class SandboxApi {

	private static final MediaType XML = new MediaType("text", "xml", StandardCharsets.UTF_8);

	private final MerchantGate gate;
	private final TradeDesk desk;
	private final Bills bills;

	SandboxApi(MerchantGate gate, TradeDesk desk, Bills bills) {
		this.gate = gate;
		this.desk = desk;
		this.bills = bills;
	}

	@RequestMapping("/unifiedorder")
	ResponseEntity<String> unifiedOrder(HttpServletRequest http) {
		return call(http, desk::unifiedOrder);
	}

	@RequestMapping("/orderquery")
	ResponseEntity<String> orderQuery(HttpServletRequest http) {
		return call(http, desk::query);
	}

	@RequestMapping("/closeorder")
	ResponseEntity<String> closeOrder(HttpServletRequest http) {
		return call(http, desk::close);
	}

	/**
	 * A bill is plain text (GZIP with {@code tar_type=GZIP}), not XML; only failures are XML, unsigned.
	 */
	@RequestMapping("/downloadbill")
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
		Map<String, String> fields = Map.of();
		@Nullable SignedRequest request = null;
		try {
			fields = read(http);
			request = gate.admit(fields);
			return xml(gate.succeed(request, call.apply(request)));
		}
		catch (ReturnFail failure) {
			return xml(Map.of("return_code", "FAIL", "return_msg", failure.getMessage()));
		}
		catch (ResultFail failure) {
			return xml(request != null ? gate.refuse(request, failure) : gate.refuse(fields, failure));
		}
		catch (DataIntegrityViolationException raced) {
			// Two first unifiedorders for one out_trade_no at once: WeChat too asks to retry.
			var failure = new ResultFail("SYSTEMERROR", "系统繁忙,请稍后再试");
			return xml(request != null ? gate.refuse(request, failure) : gate.refuse(fields, failure));
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
