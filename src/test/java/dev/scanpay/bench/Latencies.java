package dev.scanpay.bench;

import java.util.Arrays;

/**
 * Latencies in microseconds, collected from many threads, read as percentiles once the run is over.
 */
final class Latencies {

	private final long[] micros;
	private int size;

	Latencies(int capacity) {
		this.micros = new long[capacity];
	}

	synchronized void add(long value) {
		if (size < micros.length) {
			micros[size++] = value;
		}
	}

	synchronized int count() {
		return size;
	}

	/** The value below which {@code fraction} of the values lie (nearest rank), in milliseconds. */
	synchronized double millisAt(double fraction) {
		if (size == 0) {
			return Double.NaN;
		}
		var sorted = Arrays.copyOf(micros, size);
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(fraction * size) - 1;
		return sorted[Math.max(0, Math.min(size - 1, rank))] / 1000.0;
	}

	String summary(double... fractions) {
		var text = new StringBuilder();
		for (double fraction : fractions) {
			if (!text.isEmpty()) {
				text.append(" / ");
			}
			text.append("%.1f".formatted(millisAt(fraction)));
		}
		return text.append(" ms").toString();
	}
}
