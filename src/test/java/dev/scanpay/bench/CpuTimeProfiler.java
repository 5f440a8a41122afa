package dev.scanpay.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation of JMH's worker threads ({@code -prof dev.scanpay.bench.CpuTimeProfiler}). On a
 * machine whose cores other processes share, a worker waiting for a core loses throughput but not CPU time, so
 * this compares code where ops/s cannot; cache and core sharing still move it somewhat.
 */
public class CpuTimeProfiler implements InternalProfiler {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private Map<Long, Long> before = Map.of();

	@Override
	public String getDescription() {
		return "CPU time of the benchmark's worker threads per operation";
	}

	@Override
	public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
		before = workerCpuTimes();
	}

	@Override
	public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
			IterationParams iterationParams, IterationResult result) {
		var spent = 0L;
		for (var worker : workerCpuTimes().entrySet()) {
			spent += worker.getValue() - before.getOrDefault(worker.getKey(), 0L);
		}
		var operations = result.getMetadata().getAllOps();
		return List.of(new ScalarResult("cpu.time.norm", operations == 0 ? Double.NaN : (double) spent / operations,
				"ns/op", AggregationPolicy.AVG));
	}

	private static Map<Long, Long> workerCpuTimes() {
		var times = new HashMap<Long, Long>();
		for (var thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().contains("jmh-worker")) {
				times.put(thread.getId(), THREADS.getThreadCpuTime(thread.getId()));
			}
		}
		return times;
	}
}
