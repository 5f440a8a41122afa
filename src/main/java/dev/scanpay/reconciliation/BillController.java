package dev.scanpay.reconciliation;

import dev.scanpay.platform.AdminAudit;
import dev.scanpay.wechat.WeChatTimes;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The daily bill check for an operator: run it for a Beijing date now, list the runs, show one run with its
 * discrepancies. The console reaches it under {@code /api/admin/bills}.
 */
@RestController
@RequestMapping(path = { "/api/reconciliation/bills", "/api/admin/bills" }, produces = MediaType.APPLICATION_JSON_VALUE)
class BillController {

	record RunWithDiscrepancies(BillRuns.Run run, List<BillRuns.Discrepancy> discrepancies) {
	}

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
		.withResolverStyle(ResolverStyle.STRICT);

	private final BillCheck check;
	private final BillRuns runs;
	private final ReconciliationProperties properties;
	private final Clock clock;
	private final AdminAudit audit;

	BillController(BillCheck check, BillRuns runs, ReconciliationProperties properties, Clock clock,
			AdminAudit audit) {
		this.audit = audit;
		this.check = check;
		this.runs = runs;
		this.properties = properties;
		this.clock = clock;
	}

	/** Checks the date's bill now; the console's "check this date". Written to the audit log. */
	@PostMapping({ "/{date}", "/{date}/check" })
	RunWithDiscrepancies check(@PathVariable String date) {
		return audit.run("bill.check", null, "bill " + date, () -> {
			var billDate = billDate(date);
			return new RunWithDiscrepancies(check.check(billDate), runs.discrepancies(billDate));
		}, checked -> "%s: %d transactions, %d discrepancies, %d repaired".formatted(checked.run().status(),
				checked.run().billTransactions(), checked.run().discrepancies(), checked.run().repaired()));
	}

	@GetMapping
	List<BillRuns.Run> runs() {
		return runs.newestFirst(properties.bill().listLimit());
	}

	@GetMapping("/{date}")
	RunWithDiscrepancies run(@PathVariable String date) {
		var billDate = billDate(date);
		var run = runs.find(billDate).orElseThrow(() -> new BillRunNotFoundException(billDate));
		return new RunWithDiscrepancies(run, runs.discrepancies(billDate));
	}

	private LocalDate billDate(String text) {
		LocalDate date;
		try {
			date = LocalDate.parse(text, DATE);
		}
		catch (DateTimeParseException e) {
			throw new InvalidBillDateException("Not a yyyy-MM-dd date: " + text);
		}
		if (date.isAfter(LocalDate.now(clock.withZone(WeChatTimes.BEIJING)))) {
			throw new InvalidBillDateException("No bill exists yet for " + date + " (Beijing time)");
		}
		return date;
	}
}
