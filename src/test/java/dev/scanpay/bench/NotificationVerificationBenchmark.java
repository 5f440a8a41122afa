package dev.scanpay.bench;

import dev.scanpay.wechat.WeChatSignatures;
import dev.scanpay.wechat.WeChatXml;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;

import com.github.binarywang.wxpay.bean.notify.WxPayOrderNotifyResult;
import com.github.binarywang.wxpay.exception.WxPayException;
import com.github.binarywang.wxpay.service.WxPayService;
import com.github.wxpay.sdk.WXPayUtil;

/**
 * Parses and verifies one signed payment notification, as a notify endpoint does for every call: scanpay's
 * codec and signatures beside WxJava and WeChat's official Java SDK, each called the way its users call it.
 * Each gets the body in the form its API takes: bytes for scanpay (it decodes them itself), a string for the
 * two SDKs (so their decoding of the request body is not counted). Beside them, the floor any MD5 verifier
 * stands on: the digest of the notification's canonical string, prepared beforehand, compared with its sign.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" })
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
public class NotificationVerificationBenchmark {

	private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

	private byte[] body;
	private String text;
	private WxPayService wxJava;
	private byte[] canonical;
	private byte[] sign;
	private MessageDigest md5;
	private final byte[] digest = new byte[16];

	@Setup(Level.Trial)
	public void setUp() {
		// As in production: WxJava logs every notification at DEBUG, which a service does not print.
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.INFO);
		body = SignedNotification.BODY;
		text = new String(body, StandardCharsets.UTF_8);
		wxJava = Verifiers.wxJava();
		setUpFloor();
		if (!scanpay() || !officialSdk() || wxJava() == null || !md5Floor()) {
			throw new IllegalStateException("A verifier rejects the benchmark's notification");
		}
	}

	@Benchmark
	public boolean scanpay() {
		var fields = WeChatXml.parse(body);
		return SignedNotification.SIGN_TYPE.admits(fields.get("sign_type"))
				&& WeChatSignatures.verify(fields, SignedNotification.KEY, SignedNotification.SIGN_TYPE);
	}

	@Benchmark
	public WxPayOrderNotifyResult wxJava() {
		try {
			return wxJava.parseOrderNotifyResult(text);
		}
		catch (WxPayException e) {
			throw new IllegalStateException(e);
		}
	}

	@Benchmark
	public boolean officialSdk() {
		try {
			return WXPayUtil.isSignatureValid(WXPayUtil.xmlToMap(text), SignedNotification.KEY);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * The work no MD5 verifier can skip: the digest of the canonical string {@code k1=v1&...&key=KEY}, its bytes
	 * made beforehand, and a comparison of its upper-case hex digits with the sign, with one digest instance
	 * kept for every call and nothing allocated.
	 */
	@Benchmark
	public boolean md5Floor() {
		md5.update(canonical);
		try {
			md5.digest(digest, 0, digest.length);
		}
		catch (DigestException e) {
			throw new IllegalStateException(e);
		}
		var difference = 0;
		for (var i = 0; i < digest.length; i++) {
			difference |= sign[2 * i] ^ HEX[(digest[i] >> 4) & 0xF] | sign[2 * i + 1] ^ HEX[digest[i] & 0xF];
		}
		return difference == 0;
	}

	private void setUpFloor() {
		var fields = new TreeMap<>(WeChatXml.parse(body));
		sign = fields.remove("sign").getBytes(StandardCharsets.US_ASCII);
		var joined = new StringBuilder();
		fields.forEach((name, value) -> {
			if (!value.isEmpty()) {
				joined.append(name).append('=').append(value).append('&');
			}
		});
		canonical = joined.append("key=").append(SignedNotification.KEY).toString().getBytes(StandardCharsets.UTF_8);
		try {
			md5 = MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
