package dev.scanpay.order;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A few SKUs to buy in a local run, added only when the catalogue is empty.
 */
@Component
@ConditionalOnBooleanProperty("scanpay.order.demo-catalogue")
class DemoCatalogue implements ApplicationRunner {

	private final SkuRepository skus;

	DemoCatalogue(SkuRepository skus) {
		this.skus = skus;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (skus.count() == 0) {
			skus.add(new Sku("Oolong tea, 250 g", 6800, 100));
			skus.add(new Sku("Porcelain teacup", 3500, 40));
			skus.add(new Sku("Bamboo tea tray", 25900, 10));
			skus.add(new Sku("Tasting sample", 1, 1000));
		}
	}
}
