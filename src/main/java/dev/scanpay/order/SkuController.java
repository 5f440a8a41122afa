package dev.scanpay.order;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SkuController {

	record SkuView(long id, String name, long priceFen, int stock) {
	}

	private final SkuRepository skus;

	SkuController(SkuRepository skus) {
		this.skus = skus;
	}

	@GetMapping(path = "/api/skus", produces = MediaType.APPLICATION_JSON_VALUE)
	List<SkuView> catalogue() {
		return skus.findAllByOrderById()
			.stream()
			.map(sku -> new SkuView(sku.id(), sku.name(), sku.priceFen(), sku.stock()))
			.toList();
	}
}
