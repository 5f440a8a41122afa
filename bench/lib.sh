# Functions of the load harness, for bench/load and for drills built on it. Source it from the repository's
# root directory (bench/load does): `. bench/lib.sh`. Everything can be changed through the environment:
#
#   LOAD_APP_PORT (18080), LOAD_SANDBOX_PORT (18090)       ports of the app and of the emulator
#   LOAD_SANDBOX_TLS_PORT (LOAD_SANDBOX_PORT + 1)          the emulator's TLS port, where refunds go
#   LOAD_DB (scanpay_load), LOAD_SANDBOX_DB (…_sandbox),   PostgreSQL databases, dropped and made anew by
#   LOAD_PGBENCH_DB (…_pgbench)                            load_prepare_services / load_pgbench
#   LOAD_DB_HOST (localhost), LOAD_DB_PORT (5432), LOAD_DB_USER (postgres), LOAD_DB_PASSWORD (empty)
#   LOAD_VHOST (scanpay-load)                              RabbitMQ virtual host, deleted and made anew
#   LOAD_RABBITMQ_USER (guest), LOAD_RABBITMQ_PASSWORD (guest)
#   LOAD_REDIS_DATABASE (9)                                Redis database index, FLUSHED by load_prepare_services
#   LOAD_DIR (target/load)                                 logs, pids and results of the run
#   LOAD_JVM_OPTS (-XX:TieredStopAtLevel=1)                JVM options of the app and the emulator, the JIT
#                                                          docs/deploy runs the app with (C1 only); setting it
#                                                          replaces that (empty: the JVM's own JIT)
#   LOAD_APP_JAVA_OPTS, LOAD_SANDBOX_JAVA_OPTS             extra JVM options
#   LOAD_APP_HEAP (512m)                                   the app's maximum heap (-Xmx), as docs/deploy runs it
#   LOAD_PROFILE (empty)                                   1: flight recordings of the measured run; async:
#                                                          async-profiler's CPU samples of it (below)
#   LOAD_APP_ARGS, LOAD_SANDBOX_ARGS                       extra Spring Boot arguments (--name=value)
#   LOAD_SKUS (100)                                        SKUs the orders are spread over (1: one hot SKU)
#   LOAD_WARMUP (2000)                                     orders bench/load first takes through every phase,
#                                                          unmeasured, so that the measured ones meet JVMs
#                                                          whose code is compiled (0: none)
#   LOAD_SANDBOX_POOL_SIZE (delivery threads + 4)          the emulator's connection pool
#   LOAD_WEBHOOKS (0)                                      1: webhooks on: the app gets a secret key, the
#                                                          harness registers an endpoint for the storefront's
#                                                          events and bench/WebhookReceiver.java receives them
#                                                          on LOAD_WEBHOOK_PORT (LOAD_APP_PORT + 15); the
#                                                          nothing-lost check then checks them too (the drills
#                                                          set it)
#
# The app and the emulator run as two processes: "WeChat" keeps its state and keeps retrying while the app
# is stopped, killed or restarted, which is what drills need, and the notification answer latency is timed
# over a real connection between them, as WeChat's sender would see it.
#
# Refunds are on: the app presents the fake merchant certificate of local runs
# (classpath:sandbox/tls/apiclient_cert.p12) on the emulator's TLS port and trusts the emulator's fake CA, as
# the local profile does (docs/certificates).

LOAD_APP_PORT=${LOAD_APP_PORT:-18080}
LOAD_SANDBOX_PORT=${LOAD_SANDBOX_PORT:-18090}
LOAD_SANDBOX_TLS_PORT=${LOAD_SANDBOX_TLS_PORT:-$((LOAD_SANDBOX_PORT + 1))}
LOAD_DB=${LOAD_DB:-scanpay_load}
LOAD_SANDBOX_DB=${LOAD_SANDBOX_DB:-${LOAD_DB}_sandbox}
LOAD_PGBENCH_DB=${LOAD_PGBENCH_DB:-${LOAD_DB}_pgbench}
LOAD_DB_HOST=${LOAD_DB_HOST:-localhost}
LOAD_DB_PORT=${LOAD_DB_PORT:-5432}
LOAD_DB_USER=${LOAD_DB_USER:-postgres}
LOAD_DB_PASSWORD=${LOAD_DB_PASSWORD:-}
LOAD_VHOST=${LOAD_VHOST:-scanpay-load}
LOAD_RABBITMQ_USER=${LOAD_RABBITMQ_USER:-guest}
LOAD_RABBITMQ_PASSWORD=${LOAD_RABBITMQ_PASSWORD:-guest}
LOAD_REDIS_DATABASE=${LOAD_REDIS_DATABASE:-9}
LOAD_DIR=${LOAD_DIR:-target/load}
LOAD_JAR=${LOAD_JAR:-target/scanpay.jar}
LOAD_WEBHOOKS=${LOAD_WEBHOOKS:-0}
LOAD_WEBHOOK_PORT=${LOAD_WEBHOOK_PORT:-$((LOAD_APP_PORT + 15))}
# The key that seals the endpoints' secrets in the app's database, random for each run unless given.
LOAD_WEBHOOK_SECRET_KEY=${LOAD_WEBHOOK_SECRET_KEY:-$(head -c 32 /dev/urandom | base64)}
# Keys for the API's bearer authentication, random for each run unless given.
LOAD_API_KEY=${LOAD_API_KEY:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}
LOAD_ADMIN_KEY=${LOAD_ADMIN_KEY:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}
export LOAD_API_KEY LOAD_ADMIN_KEY LOAD_WEBHOOKS LOAD_WEBHOOK_PORT LOAD_WEBHOOK_SECRET_KEY PGPASSWORD=${LOAD_DB_PASSWORD} PGOPTIONS='--client-min-messages=warning'

load_log() {
	printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

load_psql() { # database, psql arguments...
	local database=$1
	shift
	psql -X -q -v ON_ERROR_STOP=1 -h "$LOAD_DB_HOST" -p "$LOAD_DB_PORT" -U "$LOAD_DB_USER" -d "$database" "$@"
}

# Builds the jar (target/scanpay.jar) and the test classes the driver runs from.
load_build() {
	load_log "Building the jar"
	./mvnw -q -DskipTests package
}

# Drops and creates the app's and the emulator's databases, the RabbitMQ virtual host, and flushes the Redis
# database: every run starts from nothing.
load_prepare_services() {
	mkdir -p "$LOAD_DIR"
	rm -f "$(load_webhook_dir)"/webhook.secret "$(load_webhook_dir)"/webhooks.received*
	load_log "Preparing databases $LOAD_DB and $LOAD_SANDBOX_DB, vhost $LOAD_VHOST, Redis database $LOAD_REDIS_DATABASE"
	local database
	for database in "$LOAD_DB" "$LOAD_SANDBOX_DB"; do
		load_psql postgres -c "drop database if exists \"$database\" with (force)" -c "create database \"$database\""
	done
	rabbitmqctl -q delete_vhost "$LOAD_VHOST" >/dev/null 2>&1 || true
	rabbitmqctl -q add_vhost "$LOAD_VHOST" >/dev/null
	rabbitmqctl -q set_permissions -p "$LOAD_VHOST" "$LOAD_RABBITMQ_USER" '.*' '.*' '.*' >/dev/null
	redis-cli -p "${LOAD_REDIS_PORT:-6379}" -n "$LOAD_REDIS_DATABASE" flushdb >/dev/null
}

load_wait_for() { # name, url, pid, seconds (LOAD_START_TIMEOUT, 300)
	local name=$1 url=$2 pid=$3 seconds=${4:-${LOAD_START_TIMEOUT:-300}}
	local deadline=$((SECONDS + seconds))
	until curl -fs -o /dev/null "$url"; do
		if ! kill -0 "$pid" 2>/dev/null; then
			load_log "$name exited while starting; see its log in $LOAD_DIR"
			return 1
		fi
		if ((SECONDS > deadline)); then
			load_log "$name did not start within $seconds s; see its log in $LOAD_DIR"
			return 1
		fi
		sleep 0.5
	done
}

# Starts the WeChat Pay emulator alone (SandboxServer) with DELIVERY_THREADS notifications sent at once.
load_start_sandbox() { # delivery threads
	local threads=${1:-32}
	mkdir -p "$LOAD_DIR"
	load_log "Starting the emulator on port $LOAD_SANDBOX_PORT ($threads delivery threads)"
	# shellcheck disable=SC2086
	SCANPAY_DB_HOST=$LOAD_DB_HOST SCANPAY_DB_PORT=$LOAD_DB_PORT SCANPAY_DB_NAME=$LOAD_SANDBOX_DB \
	SCANPAY_DB_USER=$LOAD_DB_USER SCANPAY_DB_PASSWORD=$LOAD_DB_PASSWORD SCANPAY_SANDBOX_PORT=$LOAD_SANDBOX_PORT \
	SCANPAY_DB_POOL_SIZE=${LOAD_SANDBOX_POOL_SIZE:-$((threads + 4))} \
	SCANPAY_WECHAT_ALLOW_PLACEHOLDER_CREDENTIALS=true \
		nohup java ${LOAD_JVM_OPTS--XX:TieredStopAtLevel=1} ${LOAD_SANDBOX_JAVA_OPTS:-} \
		-Dloader.main=dev.scanpay.sandbox.SandboxServer -cp "$LOAD_JAR" \
		org.springframework.boot.loader.launch.PropertiesLauncher \
		--scanpay.sandbox.delivery-threads="$threads" --scanpay.sandbox.delivery-batch-size=$((threads * 4)) \
		--scanpay.sandbox.delivery-interval=10ms --scanpay.sandbox.tls-port="$LOAD_SANDBOX_TLS_PORT" \
		${LOAD_SANDBOX_ARGS:-} \
		>"$LOAD_DIR/sandbox.log" 2>&1 &
	echo $! >"$LOAD_DIR/sandbox.pid"
	load_wait_for "The emulator" "http://localhost:$LOAD_SANDBOX_PORT/sandbox/admin/faults" $!
}

# Starts the app against the emulator, with random API keys.
load_start_app() {
	mkdir -p "$LOAD_DIR"
	load_log "Starting the app on port $LOAD_APP_PORT"
	# shellcheck disable=SC2086
	SCANPAY_PORT=$LOAD_APP_PORT SCANPAY_DB_HOST=$LOAD_DB_HOST SCANPAY_DB_PORT=$LOAD_DB_PORT SCANPAY_DB_NAME=$LOAD_DB \
	SCANPAY_DB_USER=$LOAD_DB_USER SCANPAY_DB_PASSWORD=$LOAD_DB_PASSWORD \
	SCANPAY_RABBITMQ_VHOST=$LOAD_VHOST SCANPAY_RABBITMQ_USER=$LOAD_RABBITMQ_USER \
	SCANPAY_RABBITMQ_PASSWORD=$LOAD_RABBITMQ_PASSWORD SCANPAY_REDIS_DATABASE=$LOAD_REDIS_DATABASE \
	SCANPAY_WECHAT_BASE_URL=http://localhost:$LOAD_SANDBOX_PORT/sandbox \
	SCANPAY_WECHAT_ALLOW_PLACEHOLDER_CREDENTIALS=true \
	SCANPAY_SECURITY_API_KEYS=$LOAD_API_KEY SCANPAY_SECURITY_ADMIN_KEYS=$LOAD_ADMIN_KEY \
	SCANPAY_REFUNDS_ENABLED=true SCANPAY_WECHAT_SECAPI_BASE_URL=https://localhost:$LOAD_SANDBOX_TLS_PORT/sandbox \
	SCANPAY_WECHAT_CERT_PATH=classpath:sandbox/tls/apiclient_cert.p12 \
	SCANPAY_WEBHOOKS_SECRET_KEY=$([[ $LOAD_WEBHOOKS == 1 ]] && printf '%s' "$LOAD_WEBHOOK_SECRET_KEY") \
		nohup java -Xmx"${LOAD_APP_HEAP:-512m}" ${LOAD_JVM_OPTS--XX:TieredStopAtLevel=1} ${LOAD_APP_JAVA_OPTS:-} \
		-jar "$LOAD_JAR" \
		--spring.ssl.bundle.jks.wechat-merchant.truststore.location=classpath:sandbox/tls/emulator-ca.p12 \
		--spring.ssl.bundle.jks.wechat-merchant.truststore.password=scanpay-local \
		--spring.ssl.bundle.jks.wechat-merchant.truststore.type=PKCS12 \
		--scanpay.webhooks.allow-http=true --scanpay.webhooks.allowed-hosts=localhost ${LOAD_APP_ARGS:-} \
		>>"$LOAD_DIR/app.log" 2>&1 &
	echo $! >"$LOAD_DIR/app.pid"
	load_wait_for "The app" "http://localhost:$LOAD_APP_PORT/actuator/health/readiness" $!
	if [[ $LOAD_WEBHOOKS == 1 ]]; then
		load_webhook_register
	fi
}

# The webhook receiver's files: its secret, the events it received, its pid and log. Several app instances of
# one drill share them (drills set LOAD_WEBHOOK_DIR to the drill's directory).
load_webhook_dir() {
	printf '%s' "${LOAD_WEBHOOK_DIR:-$LOAD_DIR}"
}

# Registers the harness's webhook endpoint for every storefront event, once: its secret goes to webhook.secret.
load_webhook_register() {
	local answer dir
	dir=$(load_webhook_dir)
	[[ -s $dir/webhook.secret ]] && return 0
	answer=$(curl -fsS -X POST "http://localhost:$LOAD_APP_PORT/api/webhooks" -H "Authorization: Bearer $LOAD_API_KEY" \
		-H 'Content-Type: application/json' -d '{"url": "http://localhost:'"$LOAD_WEBHOOK_PORT"'/webhooks",
		"events": ["order.paid", "order.closed", "order.refunded", "refund.failed"]}')
	printf '%s' "$answer" | sed -n 's/.*"secret":"\([^"]*\)".*/\1/p' >"$dir/webhook.secret"
	[[ -s $dir/webhook.secret ]] || { load_log "Could not register the webhook endpoint: $answer"; return 1; }
	load_log "Registered the webhook endpoint http://localhost:$LOAD_WEBHOOK_PORT/webhooks"
}

# Starts bench/WebhookReceiver.java, which appends the id of every event it accepts to webhooks.received.
load_start_webhook_receiver() {
	local dir
	dir=$(load_webhook_dir)
	load_log "Starting the webhook receiver on port $LOAD_WEBHOOK_PORT"
	LOAD_WEBHOOK_SECRET=$(cat "$dir/webhook.secret") nohup java bench/WebhookReceiver.java "$LOAD_WEBHOOK_PORT" \
		"$dir/webhooks.received" >>"$dir/webhook-receiver.log" 2>&1 &
	echo $! >"$dir/webhook-receiver.pid"
	load_wait_for "The webhook receiver" "http://localhost:$LOAD_WEBHOOK_PORT/health" $!
}

load_stop_webhook_receiver() {
	LOAD_DIR=$(load_webhook_dir) load_stop webhook-receiver
}

# Waits until the app has delivered every webhook event it recorded, for at most SECONDS.
load_wait_for_webhooks() { # [seconds, 120]
	local deadline=$((SECONDS + ${1:-120})) pending
	while :; do
		pending=$(load_psql "$LOAD_DB" -At -c "select count(*) from webhook_delivery where delivered_at is null" \
			2>/dev/null || true)
		[[ $pending == 0 ]] && return 0
		if ((SECONDS > deadline)); then
			load_log "${pending:-?} webhook events still undelivered"
			return 1
		fi
		sleep 0.5
	done
}

load_stop() { # app | sandbox; ends the process gracefully, then for good after 30 s
	local pidfile=$LOAD_DIR/$1.pid
	[[ -f $pidfile ]] || return 0
	local pid
	pid=$(cat "$pidfile")
	if kill -0 "$pid" 2>/dev/null; then
		load_log "Stopping the $1 (pid $pid)"
		kill "$pid" 2>/dev/null || true
		local deadline=$((SECONDS + 30))
		while kill -0 "$pid" 2>/dev/null; do
			if ((SECONDS > deadline)); then
				kill -9 "$pid" 2>/dev/null || true
			fi
			sleep 0.2
		done
	fi
	rm -f "$pidfile"
}

# Kills the app at once, as a crash would (for drills).
load_kill_app() {
	local pidfile=$LOAD_DIR/app.pid
	[[ -f $pidfile ]] || return 0
	kill -9 "$(cat "$pidfile")" 2>/dev/null || true
	rm -f "$pidfile"
}

load_stop_all() {
	load_stop app
	load_stop sandbox
	load_stop_webhook_receiver
}

# Runs the driver: places ORDERS orders with CONCURRENCY clients, prepays them, has the emulator pay them all
# and waits until every one is PAID. Its figures go to $LOAD_DIR/result.properties. Exits non-zero when not
# every order was placed, prepaid and PAID.
load_run() { # orders, concurrency, [result file name in $LOAD_DIR]
	local orders=${1:-10000} concurrency=${2:-32} results=${3:-result.properties}
	LOAD_APP_URL=http://localhost:$LOAD_APP_PORT LOAD_SANDBOX_URL=http://localhost:$LOAD_SANDBOX_PORT \
	LOAD_DB_URL="jdbc:postgresql://$LOAD_DB_HOST:$LOAD_DB_PORT/$LOAD_DB" \
	LOAD_SANDBOX_DB_URL="jdbc:postgresql://$LOAD_DB_HOST:$LOAD_DB_PORT/$LOAD_SANDBOX_DB" \
	LOAD_DB_USER=$LOAD_DB_USER LOAD_DB_PASSWORD=$LOAD_DB_PASSWORD \
	LOAD_RESULT_FILE="$(pwd)/$LOAD_DIR/$results" \
		./mvnw -q exec:exec@load-bench -Dload.args="$orders $concurrency"
}

# The same in the background; its pid is in $LOAD_DIR/driver.pid and its output in $LOAD_DIR/driver.log.
load_run_in_background() { # orders, concurrency
	mkdir -p "$LOAD_DIR"
	load_run "$@" >"$LOAD_DIR/driver.log" 2>&1 &
	echo $! >"$LOAD_DIR/driver.pid"
}

# The nothing-lost check (bench/check): the emulator's ledger against PostgreSQL. Exits non-zero on failure.
load_check() { # [expected paid orders]
	LOAD_DB=$LOAD_DB LOAD_SANDBOX_DB=$LOAD_SANDBOX_DB LOAD_WEBHOOK_DIR=$(load_webhook_dir) bench/check "$@"
}

load_result() { # key: a figure the driver wrote
	sed -n "s/^$1=//p" "$LOAD_DIR/result.properties"
}

# The machine's ceiling: pgbench's built-in simple-update on a scratch database with CLIENTS clients for
# SECONDS seconds. Prints the transactions per second.
load_pgbench() { # clients, seconds
	local clients=${1:-32} seconds=${2:-10}
	load_psql postgres -c "drop database if exists \"$LOAD_PGBENCH_DB\" with (force)" \
		-c "create database \"$LOAD_PGBENCH_DB\""
	pgbench -h "$LOAD_DB_HOST" -p "$LOAD_DB_PORT" -U "$LOAD_DB_USER" -i -q -s 10 "$LOAD_PGBENCH_DB" \
		>"$LOAD_DIR/pgbench-init.log" 2>&1
	pgbench -h "$LOAD_DB_HOST" -p "$LOAD_DB_PORT" -U "$LOAD_DB_USER" --builtin=simple-update -c "$clients" -j 2 \
		-T "$seconds" "$LOAD_PGBENCH_DB" >"$LOAD_DIR/pgbench.log" 2>&1
	load_psql postgres -c "drop database if exists \"$LOAD_PGBENCH_DB\" with (force)"
	sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$LOAD_DIR/pgbench.log" | head -1
}

# Where RabbitMQ and Redis listen, for runs against instances other than the machine's standard ones (a
# private RabbitMQ node for drills, say): LOAD_RABBITMQ_PORT (5672), LOAD_REDIS_PORT (6379), and
# LOAD_RABBITMQ_NODE, the node rabbitmqctl manages (its own default when empty). The app and rabbitmqctl
# take them from the environment. LOAD_START_TIMEOUT (300): seconds the app and the emulator have to start.
LOAD_RABBITMQ_PORT=${LOAD_RABBITMQ_PORT:-5672}
LOAD_REDIS_PORT=${LOAD_REDIS_PORT:-6379}
LOAD_RABBITMQ_NODE=${LOAD_RABBITMQ_NODE:-}
export SCANPAY_RABBITMQ_PORT=$LOAD_RABBITMQ_PORT SCANPAY_REDIS_PORT=$LOAD_REDIS_PORT
if [[ -n $LOAD_RABBITMQ_NODE ]]; then
	export RABBITMQ_NODENAME=$LOAD_RABBITMQ_NODE
fi

load_redis_cli() { # redis-cli arguments...
	redis-cli -p "$LOAD_REDIS_PORT" "$@"
}

# CPU accounting. load_cpu_sample prints one line: epoch milliseconds, then the clock ticks of CPU (user and
# system) spent so far by the whole machine, the app, the emulator, PostgreSQL (its live processes and the
# backends the postmaster has reaped), RabbitMQ and Redis. load_cpu_sampler writes one such line a second to
# $LOAD_DIR/cpu.tsv until it is killed; load_cpu_report turns the samples nearest to the phase boundaries a
# driver wrote into CPU milliseconds per order (or per request) for each phase and each process.
load_cpu_ticks_of() { # pids...: their ticks, with those of their reaped children
	local pid
	for pid in "$@"; do
		cat "/proc/$pid/stat" 2>/dev/null || true
	done | awk '{ sub(/^.*\) /, ""); ticks += $12 + $13 + $14 + $15 } END { print ticks + 0 }'
}

# The CPU ticks of each JIT compiler thread (C1 and C2) of a JVM, one "tid ticks" line each. A compiler thread
# that ends takes its ticks with it (the JVM starts and stops some as its queues grow and shrink).
load_jit_ticks_of() { # pid
	local task
	for task in /proc/"$1"/task/*; do
		case $(cat "$task/comm" 2>/dev/null) in
		"C1 CompilerThre"* | "C2 CompilerThre"*)
			# A thread that ended between the two reads has no stat left: no line for it.
			sed 's/^.*) //' "$task/stat" 2>/dev/null | awk -v tid="${task##*/}" '{ print tid, $12 + $13 }' || true ;;
		esac
	done
}

# Call with "start" before the measured run and "stop" after it; then load_jit_report prints what the JIT
# compilers of the app and the emulator took of it.
load_jit_mark() { # start | stop
	local process
	for process in app sandbox; do
		load_jit_ticks_of "$(cat "$LOAD_DIR/$process.pid")" >"$LOAD_DIR/jit-$process-$1.ticks"
	done
}

# The ticks the compiler threads alive at the end spent since the start (a thread started since counts whole).
load_jit_ticks_spent() { # process
	awk 'FILENAME == ARGV[1] { start[$1] = $2; next } { spent += $2 - start[$1] } END { print spent + 0 }' \
		"$LOAD_DIR/jit-$1-start.ticks" "$LOAD_DIR/jit-$1-stop.ticks"
}

# The figure covers the whole measured run, a refund phase included (LOAD_REFUND_SHARE), per order.
load_jit_report() { # unit, result file in $LOAD_DIR (its "<unit>s=" is the count)
	local count
	[[ -s $LOAD_DIR/$2 && -s $LOAD_DIR/jit-app-start.ticks && -s $LOAD_DIR/jit-app-stop.ticks ]] || return 0
	count=$(sed -n "s/^$1s=//p" "$LOAD_DIR/$2")
	[[ -n $count && $count != 0 ]] || return 0
	awk -v count="$count" -v unit="$1" -v hz="$(getconf CLK_TCK)" -v results="$LOAD_DIR/$2" \
		-v app="$(load_jit_ticks_spent app)" -v emulator="$(load_jit_ticks_spent sandbox)" 'BEGIN {
			app = app * 1000 / hz / count; emulator = emulator * 1000 / hz / count
			printf "JIT compiler threads over the measured run, CPU milliseconds per %s: app %.2f, emulator %.2f\n",
				unit, app, emulator
			printf "app_jit_ms_per_%s=%.2f\nemulator_jit_ms_per_%s=%.2f\n", unit, app, unit, emulator >>results
		}'
}

load_cpu_sample() {
	local app sandbox
	app=$(cat "$LOAD_DIR"/app*.pid 2>/dev/null || true)
	sandbox=$(cat "$LOAD_DIR/sandbox.pid" 2>/dev/null || true)
	# shellcheck disable=SC2046,SC2086
	printf '%s %s %s %s %s %s %s\n' "$(date +%s%3N)" \
		"$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)" \
		"$(load_cpu_ticks_of $app)" "$(load_cpu_ticks_of $sandbox)" \
		"$(load_cpu_ticks_of $(pgrep -u postgres -x postgres))" \
		"$(load_cpu_ticks_of $(pgrep -u rabbitmq))" "$(load_cpu_ticks_of $(pgrep -x redis-server))"
}

load_cpu_sampler() {
	mkdir -p "$LOAD_DIR"
	: >"$LOAD_DIR/cpu.tsv"
	: >"$LOAD_DIR/rss.tsv"
	(
		while true; do
			load_cpu_sample >>"$LOAD_DIR/cpu.tsv"
			load_rss_sample >>"$LOAD_DIR/rss.tsv"
			sleep 1
		done
	) &
	echo $! >"$LOAD_DIR/cpu-sampler.pid"
}

load_cpu_sampler_stop() {
	[[ -f $LOAD_DIR/cpu-sampler.pid ]] || return 0
	kill "$(cat "$LOAD_DIR/cpu-sampler.pid")" 2>/dev/null || true
	rm -f "$LOAD_DIR/cpu-sampler.pid"
}

# Arguments: the unit ("order": the result file's "orders=" is the count), the result file in $LOAD_DIR, then
# one "name => from to" per phase, from and to naming the file's "<from>_epoch_ms" and "<to>_epoch_ms".
load_cpu_report() {
	local units=$1 results=$2 count
	shift 2
	[[ -s $LOAD_DIR/cpu.tsv && -s $LOAD_DIR/$results ]] || return 0
	count=$(sed -n "s/^${units}s=//p" "$LOAD_DIR/$results")
	[[ -n $count && $count != 0 ]] || return 0
	local phase name from to boundaries=""
	for phase in "$@"; do
		name=${phase%% => *}
		read -r from to <<<"${phase##* => }"
		boundaries+="$name|$(sed -n "s/^${from}_epoch_ms=//p" "$LOAD_DIR/$results")|$(sed -n "s/^${to}_epoch_ms=//p" "$LOAD_DIR/$results");"
	done
	awk -v count="$count" -v unit="$units" -v hz="$(getconf CLK_TCK)" -v cores="$(nproc)" -v boundaries="$boundaries" '
		function nearest(at,   i, best) {
			best = 1
			for (i = 1; i <= n; i++) if ((at - t[i]) ^ 2 < (at - t[best]) ^ 2) best = i
			return best
		}
		function row(name, from, to,   a, b, c, seconds, line, other) {
			a = nearest(from); b = nearest(to)
			seconds = (t[b] - t[a]) / 1000
			if (seconds <= 0) return
			line = sprintf("| %s | %.1f | %.0f%% |", name, seconds, 100 * (v[b, 2] - v[a, 2]) / hz / seconds / cores)
			for (c = 2; c <= 7; c++) line = line sprintf(" %.2f |", 1000 * (v[b, c] - v[a, c]) / hz / count)
			other = (v[b, 2] - v[a, 2])
			for (c = 3; c <= 7; c++) other -= v[b, c] - v[a, c]
			print line sprintf(" %.2f |", 1000 * other / hz / count)
		}
		{ n++; t[n] = $1; for (c = 2; c <= 7; c++) v[n, c] = $c }
		END {
			print "CPU milliseconds per " unit " (" cores " cores; \"other\" is the driver, the kernel and the rest):"
			print "| phase | seconds | CPU busy | all | app | emulator | PostgreSQL | RabbitMQ | Redis | other |"
			print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
			phases = split(boundaries, list, ";")
			for (i = 1; i < phases; i++) { split(list[i], p, "|"); row(p[1], p[2], p[3]) }
		}' "$LOAD_DIR/cpu.tsv"
}

# One CPU figure of a report load_cpu_report wrote: the report file in $LOAD_DIR, the phase, the column
# ("app", "emulator", "PostgreSQL"...). Prints nothing when the report has no such row.
load_cpu_figure() { # report file, phase, column
	[[ -s $LOAD_DIR/$1 ]] || return 0
	awk -F' *[|] *' -v phase="$2" -v column="$3" '
		$2 == "phase" && !c { for (i = 3; i < NF; i++) if ($i == column) c = i }
		c && $2 == phase { print $c; exit }' "$LOAD_DIR/$1"
}

# Resident memory. The sampler also writes each second to $LOAD_DIR/rss.tsv the epoch milliseconds and the
# VmRSS (kB, from /proc/PID/status) of the largest app process and of the emulator. load_rss_report, called
# while they still run, reads their VmHWM (the most each ever held resident, start and warm-up included),
# prints it as their peak RSS with the largest sample of the measured run beside it, and adds both to the
# result file: app_peak_rss_mb, app_sampled_rss_mb, emulator_peak_rss_mb, emulator_sampled_rss_mb.
load_rss_of() { # VmRSS | VmHWM, pids...: the largest value among them, in kB (0 for none)
	local field=$1 pid
	shift
	for pid in "$@"; do
		cat "/proc/$pid/status" 2>/dev/null || true
	done | awk -v field="$field:" '$1 == field && $2 > max { max = $2 } END { print max + 0 }'
}

load_rss_sample() {
	# shellcheck disable=SC2046
	printf '%s %s %s\n' "$(date +%s%3N)" "$(load_rss_of VmRSS $(cat "$LOAD_DIR"/app*.pid 2>/dev/null))" \
		"$(load_rss_of VmRSS $(cat "$LOAD_DIR/sandbox.pid" 2>/dev/null))"
}

load_rss_report() { # result file in $LOAD_DIR
	local results=$LOAD_DIR/$1
	[[ -s $LOAD_DIR/rss.tsv ]] || return 0
	# shellcheck disable=SC2046
	awk -v app="$(load_rss_of VmHWM $(cat "$LOAD_DIR"/app*.pid 2>/dev/null))" \
		-v emulator="$(load_rss_of VmHWM $(cat "$LOAD_DIR/sandbox.pid" 2>/dev/null))" \
		-v results="$results" '
		{ if ($2 > app_sampled) app_sampled = $2; if ($3 > emulator_sampled) emulator_sampled = $3 }
		END {
			# VmHWM is never below a sample of the same process; the samples stand in for a process gone.
			if (app_sampled > app) app = app_sampled
			if (emulator_sampled > emulator) emulator = emulator_sampled
			printf "app peak RSS: %.0f MB (VmHWM; at most %.0f MB sampled during the measured run)\n",
				app / 1024, app_sampled / 1024
			printf "emulator peak RSS: %.0f MB (VmHWM; at most %.0f MB sampled during the measured run)\n",
				emulator / 1024, emulator_sampled / 1024
			printf "app_peak_rss_mb=%.0f\napp_sampled_rss_mb=%.0f\n", app / 1024, app_sampled / 1024 >>results
			printf "emulator_peak_rss_mb=%.0f\nemulator_sampled_rss_mb=%.0f\n", emulator / 1024,
				emulator_sampled / 1024 >>results
		}' "$LOAD_DIR/rss.tsv"
}

# A table of figures against their targets, printed in Markdown: one argument per row,
# "name|measured|<= or >=|target|unit". A figure that was not measured (empty, or not a number) is not met.
load_targets() {
	printf '%s\n' "$@" | awk -F'|' '
		BEGIN { print "| | measured | target | met |"; print "|---|---:|---:|---|" }
		{
			unit = $5 == "" ? "" : " " $5
			measured = $2 ~ /^-?[0-9]+([.][0-9]+)?$/
			met = measured && ($3 == "<=" ? $2 + 0 <= $4 + 0 : $2 + 0 >= $4 + 0)
			printf "| %s | %s | %s %s%s | %s |\n", $1, measured ? $2 unit : "n/a", $3 == "<=" ? "≤" : "≥", $4, unit,
				met ? "yes" : "no"
		}'
}

# With LOAD_PROFILE=1, a flight recording (settings=default, the lighter one) of the app and of the emulator
# over the measured run only, written to $LOAD_DIR/app.jfr and $LOAD_DIR/sandbox.jfr. It samples Java frames
# only: what the JIT compiler, the garbage collector, locks and system calls cost does not show.
# With LOAD_PROFILE=async, async-profiler (Maven Central's tools.profiler:async-profiler, attached to both
# running processes) samples every thread on process CPU time (itimer), native frames included, over the
# same span and writes the same files in JFR's format. bench/profile summarizes either kind.
LOAD_ASYNC_PROFILER_VERSION=${LOAD_ASYNC_PROFILER_VERSION:-4.2}

load_async_profiler() { # prints the path of async-profiler's agent library, fetching it once
	local dir=target/async-profiler
	local library=$dir/linux-x64/libasyncProfiler.so
	if [[ ! -f $library ]]; then
		./mvnw -q dependency:copy -DoutputDirectory="$dir" \
			-Dartifact="tools.profiler:async-profiler:$LOAD_ASYNC_PROFILER_VERSION:jar:linux-x64" >&2
		(cd "$dir" && jar xf "async-profiler-$LOAD_ASYNC_PROFILER_VERSION-linux-x64.jar" linux-x64/libasyncProfiler.so)
	fi
	echo "$(pwd)/$library"
}

load_async_profiler_command() { # process, async-profiler's options
	# jcmd reads name=value words as its own arguments: the options go through as one quoted word.
	jcmd "$(cat "$LOAD_DIR/$1.pid")" JVMTI.agent_load "$(load_async_profiler)" "\"$2\"" >/dev/null
}

load_profile_start() {
	local process
	case ${LOAD_PROFILE:-} in
	1)
		for process in app sandbox; do
			jcmd "$(cat "$LOAD_DIR/$process.pid")" JFR.start name=load settings=default >/dev/null
		done
		;;
	async)
		for process in app sandbox; do
			load_async_profiler_command "$process" "start,event=itimer,interval=1ms,file=$(pwd)/$LOAD_DIR/$process.jfr"
		done
		;;
	esac
}

load_profile_stop() {
	local process
	case ${LOAD_PROFILE:-} in
	1)
		for process in app sandbox; do
			jcmd "$(cat "$LOAD_DIR/$process.pid")" JFR.stop name=load filename="$(pwd)/$LOAD_DIR/$process.jfr" >/dev/null
		done
		;;
	async)
		for process in app sandbox; do
			load_async_profiler_command "$process" "stop,file=$(pwd)/$LOAD_DIR/$process.jfr"
		done
		;;
	esac
}
