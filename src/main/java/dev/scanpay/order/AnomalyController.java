package dev.scanpay.order;

import dev.scanpay.platform.AdminAudit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payments and refunds that need a person: paid after close, paid twice, wrong amount, unknown order, a refund
 * that did not reach the payer. Newest first; operators only. Settling one is written to the audit log.
 */
@RestController
class AnomalyController {

	/** How a person settled an anomaly. */
	record Resolution(@NotBlank @Size(max = 512) String note) {
	}

	/** One page of the console's list. */
	record AnomalyPage(List<Anomaly> anomalies, int page, int size, boolean hasMore) {
	}

	private final Anomalies anomalies;
	private final AdminAudit audit;

	AnomalyController(Anomalies anomalies, AdminAudit audit) {
		this.anomalies = anomalies;
		this.audit = audit;
	}

	@GetMapping(path = "/api/anomalies", produces = MediaType.APPLICATION_JSON_VALUE)
	List<Anomaly> anomalies() {
		return anomalies.all();
	}

	@GetMapping(path = "/api/admin/anomalies", produces = MediaType.APPLICATION_JSON_VALUE)
	AnomalyPage page(@RequestParam(defaultValue = "open") @Pattern(regexp = "open|resolved") String state,
			@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		var found = anomalies.page("open".equals(state), page, size);
		return new AnomalyPage(found.subList(0, Math.min(size, found.size())), page, size, found.size() > size);
	}

	@PostMapping(path = { "/api/anomalies/{id}/resolve", "/api/admin/anomalies/{id}/resolve" },
			consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	Anomaly resolve(@PathVariable long id, @Valid @RequestBody Resolution resolution) {
		return audit.run("anomaly.resolve", anomalies.find(id).map(AnomalySummary::orderId).orElse(null),
				"anomaly " + id, () -> anomalies.resolve(id, resolution.note()),
				resolved -> "resolved: " + resolution.note());
	}
}
