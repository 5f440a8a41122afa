package dev.scanpay.order;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payments that need a person: paid after close, paid twice, wrong amount, unknown order. Newest first.
 */
@RestController
class AnomalyController {

	private final Anomalies anomalies;

	AnomalyController(Anomalies anomalies) {
		this.anomalies = anomalies;
	}

	@GetMapping(path = "/api/anomalies", produces = MediaType.APPLICATION_JSON_VALUE)
	List<Anomalies.Anomaly> anomalies() {
		return anomalies.all();
	}
}
