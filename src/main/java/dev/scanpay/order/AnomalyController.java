package dev.scanpay.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payments and refunds that need a person: paid after close, paid twice, wrong amount, unknown order, a refund
 * that did not reach the payer. Newest first; operators only.
 */
@RestController
class AnomalyController {

	/** How a person settled an anomaly. */
	record Resolution(@NotBlank @Size(max = 512) String note) {
	}

	private final Anomalies anomalies;

	AnomalyController(Anomalies anomalies) {
		this.anomalies = anomalies;
	}

	@GetMapping(path = "/api/anomalies", produces = MediaType.APPLICATION_JSON_VALUE)
	List<Anomalies.Anomaly> anomalies() {
		return anomalies.all();
	}

	@PostMapping(path = "/api/anomalies/{id}/resolve", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Anomalies.Anomaly resolve(@PathVariable long id, @Valid @RequestBody Resolution resolution) {
		return anomalies.resolve(id, resolution.note());
	}
}
