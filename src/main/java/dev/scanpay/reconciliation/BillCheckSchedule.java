package dev.scanpay.reconciliation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * Checks yesterday's bill every day (by default at 10:30 Beijing time, once WeChat has made it). Every instance
 * fires; the first to claim the date checks it, the others find it running or checked and leave it. A date
 * that failed is checked again at the next firing.
 */
@Component
class BillCheckSchedule implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(BillCheckSchedule.class);

	private final BillCheck check;
	private final BillRuns runs;
	private final ZoneId zone;
	private final String cron;
	private final Clock clock;

	BillCheckSchedule(BillCheck check, BillRuns runs, ReconciliationProperties properties, Clock clock) {
		this.check = check;
		this.runs = runs;
		this.zone = ZoneId.of(properties.bill().zone());
		this.cron = properties.bill().cron();
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		if (!ScheduledTaskRegistrar.CRON_DISABLED.equals(cron)) {
			tasks.addCronTask(new CronTask(this::checkYesterday, new CronTrigger(cron, zone)));
		}
	}

	void checkYesterday() {
		var yesterday = LocalDate.now(clock.withZone(zone)).minusDays(1);
		var done = runs.find(yesterday)
			.filter(run -> run.status() == BillRunStatus.CHECKED || run.status() == BillRunStatus.NO_BILL);
		if (done.isPresent()) {
			log.debug("The bill of {} was checked already", yesterday);
			return;
		}
		try {
			check.check(yesterday);
		}
		catch (BillCheckRunningException e) {
			log.debug("{}", e.getMessage());
		}
		catch (RuntimeException e) {
			log.error("Scheduled bill check of {} failed", yesterday, e);
		}
	}
}
