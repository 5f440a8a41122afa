package dev.scanpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A storefront and a payer, driving the application over HTTP as they would.
 */
@TestComponent
public class Shop {

	private final MockMvcTester mvc;
	private final JdbcClient jdbc;
	private final JsonMapper json;

	Shop(MockMvcTester mvc, JdbcClient jdbc, JsonMapper json) {
		this.mvc = mvc;
		this.jdbc = jdbc;
		this.json = json;
	}

	public long sku(long priceFen, int stock) {
		return jdbc.sql("insert into sku (name, price_fen, stock) values (:name, :price, :stock) returning id")
			.param("name", "Shop SKU " + UUID.randomUUID())
			.param("price", priceFen)
			.param("stock", stock)
			.query(Long.class)
			.single();
	}

	public int stockOf(long skuId) {
		return jdbc.sql("select stock from sku where id = :id").param("id", skuId).query(Integer.class).single();
	}

	public String placeOrder(long skuId, int quantity) {
		return placeOrderAs(TestKeys.API_KEY, skuId, quantity);
	}

	/** Places an order for the tenant of an API key of {@link TestKeys}. */
	public String placeOrderAs(String apiKey, long skuId, int quantity) {
		var body = "{\"username\":\"shopper-%s\",\"items\":[{\"skuId\":%d,\"quantity\":%d}],\"payType\":\"WECHAT_NATIVE\"}"
			.formatted(UUID.randomUUID(), skuId, quantity);
		var result = mvc.post().uri("/api/orders").header(HttpHeaders.AUTHORIZATION, TestKeys.bearer(apiKey))
			.contentType(MediaType.APPLICATION_JSON).content(body).exchange();
		assertThat(result).hasStatus(201);
		return read(result).get("id").asString();
	}

	public MvcTestResult prepay(String orderId) {
		return mvc.post().uri("/api/orders/{id}/payment", orderId).exchange();
	}

	public String codeUrlOf(String orderId) {
		var result = prepay(orderId);
		assertThat(result).hasStatusOk();
		return read(result).get("codeUrl").asString();
	}

	public MvcTestResult cancel(String orderId) {
		return mvc.delete().uri("/api/orders/{id}", orderId).exchange();
	}

	public MvcTestResult pay(String codeUrl) {
		return mvc.post().uri("/sandbox/payer/pay").contentType(MediaType.APPLICATION_JSON)
			.content("{\"codeUrl\":\"%s\",\"result\":\"SUCCESS\"}".formatted(codeUrl)).exchange();
	}

	public void faults(String outTradeNo, String faults) {
		assertThat(mvc.put().uri("/sandbox/admin/faults/{no}", outTradeNo).contentType(MediaType.APPLICATION_JSON)
			.content(faults).exchange()).hasStatusOk();
	}

	public JsonNode order(String orderId) {
		return read(mvc.get().uri("/api/orders/{id}", orderId).exchange());
	}

	public String orderStatus(String orderId) {
		return order(orderId).get("status").asString();
	}

	public long paymentLogRows(String orderId) {
		return jdbc.sql("select count(*) from payment_log where order_id = :id").param("id", orderId)
			.query(Long.class).single();
	}

	/** A random WeChat transaction id: 28 digits. */
	public static String transactionId() {
		return "4200" + String.format("%024d", new BigInteger(80, ThreadLocalRandom.current()))
			.substring(0, 24);
	}

	public JsonNode read(MvcTestResult result) {
		return json.readTree(result.getResponse().getContentAsByteArray());
	}
}
