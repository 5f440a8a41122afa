package dev.scanpay.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a CPU profile of bench/load shows, as shares of its execution samples: by thread (numbers folded, so
 * that a pool is one line), by the library of the frame on top, by that frame itself, and, inclusive, by every
 * frame of ours or of Spring, Tomcat and the drivers. Reads flight recordings ({@code LOAD_PROFILE=1}) and
 * async-profiler's JFR output ({@code LOAD_PROFILE=async}) alike.
 *
 * <pre>bench/profile target/load/app.jfr [FOCUS]</pre>
 *
 * With FOCUS, only samples with a frame whose class and method name contains it count.
 */
public final class ProfileSummary {

	private static final List<String> INCLUSIVE_PREFIXES = List.of("dev.scanpay.", "org.springframework.",
			"org.apache.catalina.", "org.apache.coyote.", "org.postgresql.", "com.zaxxer.", "com.rabbitmq.",
			"io.lettuce.", "org.hibernate.", "jdk.internal.net.http.", "org.apache.hc.");

	private final Map<String, Integer> threads = new HashMap<>();

	private final Map<String, Integer> libraries = new HashMap<>();

	private final Map<String, Integer> topFrames = new HashMap<>();

	private final Map<String, Integer> inclusive = new HashMap<>();

	private int samples;

	public static void main(String[] args) throws IOException {
		if (args.length < 1) {
			System.err.println("Usage: ProfileSummary RECORDING.jfr [TOP] [FOCUS]");
			System.exit(2);
		}
		int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
		var focus = args.length > 2 ? args[2] : null;
		of(Path.of(args[0]), focus).print(System.out, top);
	}

	static ProfileSummary of(Path recording, String focus) throws IOException {
		var summary = new ProfileSummary();
		try (var file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				var event = file.readEvent();
				if (event.getEventType().getName().equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
					summary.add(event, frames(event), focus);
				}
			}
		}
		return summary;
	}

	private static List<String> frames(RecordedEvent sample) {
		var names = new ArrayList<String>();
		for (RecordedFrame frame : sample.getStackTrace().getFrames()) {
			names.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
		}
		return names;
	}

	private void add(RecordedEvent sample, List<String> frames, String focus) {
		if (frames.isEmpty() || focus != null && frames.stream().noneMatch(frame -> frame.contains(focus))) {
			return;
		}
		samples++;
		var thread = sample.getThread("sampledThread");
		var threadName = thread == null || thread.getJavaName() == null ? "(not a Java thread)" : thread.getJavaName();
		threads.merge(threadName.replaceAll("[0-9]+", "N"), 1, Integer::sum);
		topFrames.merge(frames.get(0), 1, Integer::sum);
		libraries.merge(library(frames.get(0)), 1, Integer::sum);
		for (var frame : new HashSet<>(frames)) {
			if (INCLUSIVE_PREFIXES.stream().anyMatch(frame::startsWith)) {
				inclusive.merge(frame, 1, Integer::sum);
			}
		}
	}

	/**
	 * A frame's library: its first three package names for ours and Spring's, its first two otherwise, and for
	 * a native frame (async-profiler names it {@code libjvm.so.Symbol}) the shared object, and for code the JIT
	 * made that belongs to no class (a stub, an adapter) none.
	 */
	static String library(String frame) {
		if (frame.startsWith(".") || !frame.contains(".")) {
			return "(JIT stubs and adapters)";
		}
		int so = frame.indexOf(".so");
		if (so > 0) {
			return frame.substring(0, so + 3);
		}
		var parts = frame.split("\\.");
		int depth = frame.startsWith("dev.scanpay.") || frame.startsWith("org.springframework.") ? 3 : 2;
		return String.join(".", List.of(parts).subList(0, Math.max(1, Math.min(depth, parts.length - 2))));
	}

	int samples() {
		return samples;
	}

	Map<String, Integer> inclusive() {
		return inclusive;
	}

	Map<String, Integer> threads() {
		return threads;
	}

	void print(PrintStream out, int top) {
		out.printf("%,d samples%n", samples);
		print(out, "Threads", threads, 15);
		print(out, "Library of the frame on top", libraries, top);
		print(out, "Frame on top", topFrames, top);
		print(out, "Inclusive: ours, Spring, Tomcat, drivers", inclusive, top * 3);
	}

	private void print(PrintStream out, String title, Map<String, Integer> counts, int limit) {
		out.printf("%n%s%n", title);
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(limit)
			.forEach(entry -> out.printf("%6.2f %%  %s%n", 100.0 * entry.getValue() / samples, entry.getKey()));
	}
}
