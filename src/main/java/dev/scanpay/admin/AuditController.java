package dev.scanpay.admin;

import dev.scanpay.platform.AdminAudit;
import dev.scanpay.security.Tenant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is signed in to the console, and the audit log of operator actions, newest first. The log has no way to
 * change an entry.
 */
@RestController
class AuditController {

	record Operator(String name) {
	}

	record AuditPage(List<AdminAudit.Entry> entries, int page, int size, boolean hasMore) {
	}

	private final AdminAudit audit;

	AuditController(AdminAudit audit) {
		this.audit = audit;
	}

	@GetMapping(path = "/api/admin/whoami", produces = MediaType.APPLICATION_JSON_VALUE)
	Operator whoami(@AuthenticationPrincipal Tenant operator) {
		return new Operator(operator.name());
	}

	@GetMapping(path = "/api/admin/audit", produces = MediaType.APPLICATION_JSON_VALUE)
	AuditPage audit(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		var entries = audit.page(page, size);
		return new AuditPage(entries.subList(0, Math.min(size, entries.size())), page, size, entries.size() > size);
	}
}
