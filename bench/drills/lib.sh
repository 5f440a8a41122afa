# Functions of the fault drills (bench/drills/*), on top of the load harness (bench/lib.sh). A drill builds
# the jar, starts the WeChat Pay emulator and the app, runs the load driver in the background, injects its
# fault once some but not all orders are PAID (or, for a drill of the refund phase, once some but not all
# refunds are stored), recovers, waits until every order is PAID, lets the driver refund its share of them
# (LOAD_REFUND_SHARE, see LoadDriver) until every refund is final, runs the nothing-lost check and prints
# PASSED or FAILED with its figures. Source it from the repository's root.
#
#   DRILL_ORDERS (3000), DRILL_CONCURRENCY (16)   orders of the load, HTTP clients and notification senders
#   DRILL_FAULT_AT (20)                           the fault comes once this percentage of the orders is PAID
#   DRILL_REFUND_FAULT_AT (30)                    ... or of the refunds stored, for a drill of the refund phase
#   DRILL_TIMEOUT (600)                           seconds allowed, after the fault, until every order is PAID
#   LOAD_START_TIMEOUT (600)                      seconds the app and the emulator have to start
#   DRILL_APP_ARGS, DRILL_SANDBOX_ARGS            the shortened timings below (replaced when set; LOAD_APP_ARGS
#                                                 and LOAD_SANDBOX_ARGS are added after them)
#
# Everything of bench/lib.sh can be set too (LOAD_DB_PORT, LOAD_RABBITMQ_PORT, LOAD_RABBITMQ_NODE, ...); the
# drills have their own defaults so that they never touch bench/load's: databases scanpay_drills and
# scanpay_drills_sandbox, vhost scanpay-drills, Redis database 10, ports 18180 (app) and 18190 (emulator),
# logs and figures in target/drills/<drill>/.
#
# Recovery is left to the app's own mechanisms: the emulator retries notifications on WeChat's schedule, the
# outbox resubmits payment and refund results RabbitMQ did not confirm, the drainer asks WeChat about unpaid
# orders and announces again results stuck on the way, the refund reconciler sends again the refunds WeChat
# has not accepted and asks about those it has not finished. Their timings are shortened so that a drill takes
# minutes, not hours; the drill prints them.

LOAD_DB=${LOAD_DB:-scanpay_drills}
LOAD_VHOST=${LOAD_VHOST:-scanpay-drills}
LOAD_REDIS_DATABASE=${LOAD_REDIS_DATABASE:-10}
LOAD_APP_PORT=${LOAD_APP_PORT:-18180}
LOAD_SANDBOX_PORT=${LOAD_SANDBOX_PORT:-18190}
DRILL_ORDERS=${DRILL_ORDERS:-3000}
DRILL_CONCURRENCY=${DRILL_CONCURRENCY:-16}
DRILL_FAULT_AT=${DRILL_FAULT_AT:-20}
DRILL_REFUND_FAULT_AT=${DRILL_REFUND_FAULT_AT:-30}
DRILL_TIMEOUT=${DRILL_TIMEOUT:-600}
DRILL_APP_ARGS=${DRILL_APP_ARGS:---scanpay.reconciliation.drain-interval=2s --scanpay.reconciliation.max-check-interval=20s --scanpay.reconciliation.claim-lease=1m --scanpay.events.resubmit-after=10s --scanpay.events.resubmit-interval=5s --scanpay.refunds.first-check-after=2s --scanpay.refunds.max-check-interval=20s --scanpay.refunds.check-interval=2s --scanpay.refunds.claim-lease=1m --management.endpoints.web.exposure.include=health,info,metrics}
DRILL_SANDBOX_ARGS=${DRILL_SANDBOX_ARGS:---scanpay.sandbox.time-factor=0.2}
# Webhooks on, with the harness's receiver (bench/WebhookReceiver.java), retried after 1 s doubling up to 10 s.
LOAD_WEBHOOKS=${LOAD_WEBHOOKS:-1}
DRILL_APP_ARGS="$DRILL_APP_ARGS ${DRILL_WEBHOOK_ARGS:---scanpay.webhooks.first-retry-after=1s --scanpay.webhooks.longest-retry-interval=10s}"
# The driver waits in PostgreSQL for the orders to be PAID; a fault must not make it give up.
export LOAD_STALL_SECONDS=${LOAD_STALL_SECONDS:-$DRILL_TIMEOUT}
# A loaded machine can take minutes to start a JVM.
LOAD_START_TIMEOUT=${LOAD_START_TIMEOUT:-600}

. bench/lib.sh

LOAD_APP_ARGS="$DRILL_APP_ARGS ${LOAD_APP_ARGS:-}"
LOAD_SANDBOX_ARGS="$DRILL_SANDBOX_ARGS ${LOAD_SANDBOX_ARGS:-}"
DRILL_APP_DIRS=()
DRILL_RESTORE=
DRILL_FAILURES=()
DRILL_FIGURES=()

drill_ms() {
	date +%s%3N
}

drill_seconds_since() { # start in ms
	awk -v start="$1" -v now="$(drill_ms)" 'BEGIN { printf "%.1f", (now - start) / 1000 }'
}

drill_fail() {
	DRILL_FAILURES+=("$*")
	load_log "FAILED: $*"
}

drill_figure() { # description, value; written to drill.properties under the description in snake case
	local key
	key=$(printf '%s' "$1" | tr -cs 'A-Za-z0-9' '_' | sed 's/^_//; s/_$//' | tr 'A-Z' 'a-z')
	DRILL_FIGURES+=("$key=$2")
	printf '  %-52s %s\n' "$1" "$2"
}

# Starts a drill: stops everything it starts however it ends (and restores a service it stopped), builds,
# prepares the services and starts the emulator.
drill_begin() { # drill name
	DRILL_NAME=$1
	LOAD_DIR=target/drills/$DRILL_NAME
	LOAD_WEBHOOK_DIR=$LOAD_DIR
	rm -rf "$LOAD_DIR"
	mkdir -p "$LOAD_DIR"
	trap drill_cleanup EXIT
	trap 'exit 130' INT TERM
	echo "Drill $DRILL_NAME: $DRILL_ORDERS orders, $DRILL_CONCURRENCY clients and notification senders;" \
		"fault at $DRILL_FAULT_AT% PAID"
	echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "Services: PostgreSQL $LOAD_DB_HOST:$LOAD_DB_PORT, RabbitMQ port $LOAD_RABBITMQ_PORT${LOAD_RABBITMQ_NODE:+ (node $LOAD_RABBITMQ_NODE)}, Redis port $LOAD_REDIS_PORT database $LOAD_REDIS_DATABASE"
	echo "Shortened timings: app $DRILL_APP_ARGS; emulator $DRILL_SANDBOX_ARGS"
	[[ ${LOAD_SKIP_BUILD:-} == 1 ]] || load_build
	load_prepare_services
	load_start_sandbox "$DRILL_CONCURRENCY"
}

# Starts an app instance whose pid and log go to DIR (the drill's own directory when not given).
drill_start_app() { # [dir]
	local dir=${1:-$LOAD_DIR}
	DRILL_APP_DIRS+=("$dir")
	LOAD_DIR=$dir load_start_app
	if [[ $LOAD_WEBHOOKS == 1 && ! -f $LOAD_WEBHOOK_DIR/webhook-receiver.pid ]]; then
		load_start_webhook_receiver
	fi
}

drill_cleanup() {
	local status=$?
	trap - EXIT
	if [[ -n $DRILL_RESTORE ]]; then
		load_log "Restoring the service the drill stopped: $DRILL_RESTORE"
		bash -c "$DRILL_RESTORE" || load_log "Could not restore it; do it by hand: $DRILL_RESTORE"
		DRILL_RESTORE=
	fi
	drill_stop_driver
	local dir
	for dir in "${DRILL_APP_DIRS[@]}"; do
		LOAD_DIR=$dir load_stop app
	done
	if declare -F drill_stop_extra >/dev/null; then
		drill_stop_extra
	fi
	load_stop sandbox
	load_stop_webhook_receiver
	exit "$status"
}

# Runs the load driver in the background, in a process group of its own so that it can be stopped whole.
drill_start_load() {
	set -m
	load_run_in_background "$DRILL_ORDERS" "$DRILL_CONCURRENCY"
	set +m
	DRILL_LOAD_STARTED=$(drill_ms)
}

drill_driver_running() {
	[[ -f $LOAD_DIR/driver.pid ]] && kill -0 "$(cat "$LOAD_DIR/driver.pid")" 2>/dev/null
}

drill_stop_driver() {
	if drill_driver_running; then
		load_log "Stopping the load driver"
		kill -- "-$(cat "$LOAD_DIR/driver.pid")" 2>/dev/null || true
	fi
}

# Orders paid in PostgreSQL (PAID, or refunded since); empty while PostgreSQL does not answer.
drill_paid() {
	load_psql "$LOAD_DB" -At -c \
		"select count(*) from orders where status in ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')" 2>/dev/null || true
}

drill_app_query() { # sql; empty when PostgreSQL does not answer
	load_psql "$LOAD_DB" -At -F ' ' -c "$1" 2>/dev/null || true
}

drill_sandbox_query() { # sql
	load_psql "$LOAD_SANDBOX_DB" -At -F ' ' -c "$1" 2>/dev/null || true
}

# Waits until DRILL_FAULT_AT percent of the orders are PAID, but not all: the moment to inject the fault.
drill_wait_for_fault_point() {
	local threshold=$((DRILL_ORDERS * DRILL_FAULT_AT / 100))
	((threshold > 0)) || threshold=1
	load_log "Waiting until $threshold orders are PAID"
	local paid deadline=$((SECONDS + 1800))
	while :; do
		paid=$(drill_paid)
		if [[ -n $paid ]] && ((paid >= threshold)); then
			break
		fi
		if ! drill_driver_running; then
			load_log "The load driver ended before the fault point; its output:"
			tail -20 "$LOAD_DIR/driver.log" >&2
			return 1
		fi
		if ((SECONDS > deadline)); then
			load_log "Not $threshold orders PAID within 30 minutes"
			return 1
		fi
		sleep 0.2
	done
	if ((paid >= DRILL_ORDERS)); then
		load_log "Every order was PAID before the fault could be injected; lower DRILL_FAULT_AT or raise DRILL_ORDERS"
		return 1
	fi
	DRILL_PAID_AT_FAULT=$paid
	load_log "$paid of $DRILL_ORDERS orders PAID: injecting the fault"
}

# The refunds the driver asks for: of round(LOAD_REFUND_SHARE x DRILL_ORDERS) orders, every other one refunded
# in full, the others in two parts (as LoadDriver's RefundPhase does).
drill_refunds_expected() {
	awk -v orders="$DRILL_ORDERS" -v share="${LOAD_REFUND_SHARE:-0.2}" \
		'BEGIN { n = int(orders * share + 0.5); if (n > orders) n = orders; print n - int(n / 2) + 2 * int(n / 2) }'
}

# Waits until DRILL_REFUND_FAULT_AT percent of the refunds the driver asks for are stored, but not all: the
# moment to inject a fault into the refund phase.
drill_wait_for_refund_fault_point() {
	local expected threshold stored deadline=$((SECONDS + 1800))
	expected=$(drill_refunds_expected)
	threshold=$((expected * DRILL_REFUND_FAULT_AT / 100))
	((threshold > 0)) || threshold=1
	load_log "Waiting until $threshold of $expected refunds are stored"
	while :; do
		stored=$(drill_app_query "select count(*) from refund")
		if [[ -n $stored ]] && ((stored >= threshold)); then
			break
		fi
		if ! drill_driver_running; then
			load_log "The load driver ended before the fault point; its output:"
			tail -20 "$LOAD_DIR/driver.log" >&2
			return 1
		fi
		if ((SECONDS > deadline)); then
			load_log "Not $threshold refunds stored within 30 minutes"
			return 1
		fi
		sleep 0.1
	done
	if ((stored >= expected)); then
		load_log "Every refund was stored before the fault could be injected; lower DRILL_REFUND_FAULT_AT or raise DRILL_ORDERS"
		return 1
	fi
	DRILL_REFUNDS_AT_FAULT=$stored
	load_log "$stored of $expected refunds stored: injecting the fault"
}

# Waits until every refund the driver asks for is stored and final (SUCCEEDED, CLOSED, CHANGED or REJECTED).
drill_wait_until_refunds_final() {
	local expected deadline=$((SECONDS + DRILL_TIMEOUT)) last_print=0 stored final
	expected=$(drill_refunds_expected)
	while :; do
		read -r stored final < <(drill_app_query \
			"select count(*), count(*) filter (where state not in ('REQUESTED', 'PROCESSING')) from refund") || true
		if [[ $stored == "$expected" && $final == "$expected" ]]; then
			return 0
		fi
		if ((SECONDS > deadline)); then
			load_log "Not every refund final within $DRILL_TIMEOUT s: ${stored:-?} of $expected stored, ${final:-?} final"
			return 1
		fi
		if ((SECONDS - last_print >= 10)); then
			load_log "${stored:-?} of $expected refunds stored, ${final:-?} final"
			last_print=$SECONDS
		fi
		sleep 0.5
	done
}

# Waits until every order is PAID. A driver that ended early (its connection cut by the fault) leaves
# trades unpaid at the emulator: they are paid then, as the payers would keep paying.
drill_wait_until_all_paid() {
	local deadline=$((SECONDS + DRILL_TIMEOUT)) paid last_print=0 repaid=0
	while :; do
		paid=$(drill_paid)
		if [[ $paid == "$DRILL_ORDERS" ]]; then
			return 0
		fi
		if ((!repaid)) && ! drill_driver_running; then
			local open
			open=$(drill_sandbox_query "select count(*) from sandbox_trade where state = 'NOTPAY'")
			if [[ -n $open ]] && ((open > 0)); then
				load_log "The driver ended with $open trades still open at the emulator; paying them"
				curl -fsS -X POST "http://localhost:$LOAD_SANDBOX_PORT/sandbox/admin/payments?chunk=100" >&2 && echo >&2
				repaid=1
			fi
		fi
		if ((SECONDS > deadline)); then
			load_log "Not every order PAID within $DRILL_TIMEOUT s: ${paid:-?} of $DRILL_ORDERS"
			return 1
		fi
		if ((SECONDS - last_print >= 10)); then
			load_log "${paid:-PostgreSQL not answering:} ${paid:+of $DRILL_ORDERS orders PAID}"
			last_print=$SECONDS
		fi
		sleep 0.5
	done
}

# Waits until the emulator has no notification left to deliver (copies of orders PAID already may still be
# on their way).
drill_wait_until_delivered() {
	local deadline=$((SECONDS + DRILL_TIMEOUT)) pending
	while :; do
		pending=$(drill_sandbox_query "select count(*) from sandbox_notification where status = 'PENDING'")
		[[ $pending == 0 ]] && return 0
		if ((SECONDS > deadline)); then
			load_log "${pending:-?} notifications still pending after $DRILL_TIMEOUT s"
			return 1
		fi
		sleep 1
	done
}

drill_wait_for_driver() {
	local pid status=0
	[[ -f $LOAD_DIR/driver.pid ]] || return 0
	pid=$(cat "$LOAD_DIR/driver.pid")
	wait "$pid" 2>/dev/null || status=$?
	return "$status"
}

# A counter of an app instance (Micrometer, through actuator), summed over the tags matching TAG (name:value).
# 0 for a meter not registered yet (the actuator answers 404); any other answer but 200 fails the caller.
drill_counter() { # port, meter name, [tag]
	local url="http://localhost:$1/actuator/metrics/$2${3:+?tag=$3}" answer status
	answer=$(curl -s -w '\n%{http_code}' -H "Authorization: Bearer $LOAD_ADMIN_KEY" "$url" 2>/dev/null) || true
	status=${answer##*$'\n'}
	case $status in
	200) ;;
	404) printf 0; return 0 ;;
	*)
		echo "The actuator on port $1 answered ${status:-nothing} for $2" >&2
		return 1
		;;
	esac
	printf '%s' "${answer%$'\n'*}" | sed -n 's/.*"statistic":"COUNT","value":\([0-9.E]*\).*/\1/p' |
		awk '{ printf "%d", $1 } END { if (NR == 0) printf "0" }'
}

# The figures every drill reports, the nothing-lost check, and PASSED or FAILED. Exits with the result.
drill_finish() {
	local notifications delivered attempts by_query duplicates anomalies dead_letters driver_status=0
	local events failed_attempts
	local refunds refunds_final refunds_succeeded
	drill_wait_for_driver || driver_status=$?
	echo
	echo "Figures of drill $DRILL_NAME:"
	drill_figure "orders" "$DRILL_ORDERS"
	drill_figure "orders PAID" "$(drill_paid)"
	[[ -n ${DRILL_PAID_AT_FAULT:-} ]] && drill_figure "orders PAID when the fault came" "$DRILL_PAID_AT_FAULT"
	read -r notifications delivered attempts < <(drill_sandbox_query "select count(*),
		count(*) filter (where status = 'DELIVERED'), coalesce(sum(attempts), 0) from sandbox_notification
		where kind = 'PAYMENT'") || true
	drill_figure "notifications sent / delivered" "${notifications:-?} / ${delivered:-?}"
	drill_figure "delivery attempts (failed ones retried)" "${attempts:-?} ($((${attempts:-0} - ${delivered:-0})) failed)"
	read -r notifications delivered attempts < <(drill_sandbox_query "select count(*),
		count(*) filter (where status = 'DELIVERED'), coalesce(sum(attempts), 0) from sandbox_notification
		where kind = 'REFUND'") || true
	drill_figure "refund notifications sent / delivered (attempts)" \
		"${notifications:-?} / ${delivered:-?} (${attempts:-?})"
	by_query=$(drill_app_query "select count(*) from payment_log where source = 'QUERY'")
	drill_figure "payments recovered by the drainer's queries" "${by_query:-?}"
	duplicates=$(drill_app_query "select count(*) - count(distinct order_id) from payment_log")
	drill_figure "duplicate payment log rows" "${duplicates:-?}"
	anomalies=$(drill_app_query "select count(*) from order_anomaly")
	drill_figure "anomalies" "${anomalies:-?}"
	dead_letters=$(rabbitmqctl -q list_queues -p "$LOAD_VHOST" name messages 2>/dev/null |
		awk '$1 ~ /dead-letter$/ { n += $2; seen = 1 } END { if (seen) print n }')
	drill_figure "payment and refund results dead-lettered" "${dead_letters:-?}"
	read -r refunds refunds_final refunds_succeeded < <(drill_app_query "select count(*),
		count(*) filter (where state not in ('REQUESTED', 'PROCESSING')), count(*) filter (where state = 'SUCCEEDED')
		from refund") || true
	drill_figure "refunds stored / final / SUCCEEDED" "${refunds:-?} / ${refunds_final:-?} / ${refunds_succeeded:-?}"
	[[ -n ${DRILL_REFUNDS_AT_FAULT:-} ]] && drill_figure "refunds stored when the fault came" "$DRILL_REFUNDS_AT_FAULT"
	drill_figure "refunds made at WeChat" "$(drill_sandbox_query "select count(*) from sandbox_refund where status = 'SUCCESS'")"
	if [[ -f $LOAD_DIR/result.properties ]]; then
		drill_figure "load end to end (driver), s" "$(load_result end_to_end_seconds)"
		drill_figure "refund phase to every refund final (driver), s" "$(load_result refund_end_to_end_seconds)"
		drill_figure "refund requests sent again (no answer or a 5xx) / replayed" \
			"$(load_result refund_retries) / $(load_result refund_replays)"
	else
		drill_figure "load driver" "ended early (status $driver_status); the drill waited on its own"
	fi
	if [[ $LOAD_WEBHOOKS == 1 ]]; then
		load_wait_for_webhooks "$DRILL_TIMEOUT" || drill_fail "webhook events left undelivered"
		read -r events attempts failed_attempts < <(drill_app_query "select (select count(*) from webhook_event),
			count(*), count(*) filter (where status_code is null or status_code not between 200 and 299)
			from webhook_attempt") || true
		drill_figure "webhook events / attempts (failed)" "${events:-?} / ${attempts:-?} (${failed_attempts:-?})"
	fi
	echo
	load_check "$DRILL_ORDERS" || drill_fail "the nothing-lost check"
	[[ $duplicates == 0 ]] || drill_fail "${duplicates:-unknown} duplicate payment log rows"
	{
		printf '%s\n' "${DRILL_FIGURES[@]}"
		echo "result=$([[ ${#DRILL_FAILURES[@]} == 0 ]] && echo PASSED || echo FAILED)"
	} >"$LOAD_DIR/drill.properties"
	echo
	if ((${#DRILL_FAILURES[@]} == 0)); then
		echo "Drill $DRILL_NAME PASSED"
		exit 0
	fi
	echo "Drill $DRILL_NAME FAILED:"
	printf '  - %s\n' "${DRILL_FAILURES[@]}"
	exit 1
}
