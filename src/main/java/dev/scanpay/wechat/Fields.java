package dev.scanpay.wechat;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The fields of one document in document order, unmodifiable, kept as where their values lie in the body: in
 * arrays rather than a node per field, a value made a string only once asked for (a value with other than ASCII
 * characters is made at once, as the reader checks its characters). The signer reads the values' bytes from
 * the body as they are: they are their UTF-8. Looking a name up compares it with each field's, first by
 * identity, which finds the names {@link FieldNames} holds once when they are asked for by a constant. Safe to
 * share between threads: two threads asking for a value at once may each make it, equal strings.
 */
final class Fields extends AbstractMap<String, String> {

	private final byte[] body;
	private String[] names;
	private @Nullable String[] values;
	/** Where each value lies in the body: its start, then its end. */
	private int[] spans;
	private int size;

	Fields(byte[] body, int capacity) {
		this.body = body;
		names = new String[capacity];
		values = new String[capacity];
		spans = new int[2 * capacity];
	}

	/**
	 * Adds a field whose value is the body's bytes from {@code start} to {@code end}, already decoded or, if
	 * {@code null}, all ASCII; returns false, adding nothing, if there is a field of that name already.
	 */
	boolean add(String name, int start, int end, @Nullable String value) {
		if (indexOf(name) >= 0) {
			return false;
		}
		if (size == names.length) {
			names = Arrays.copyOf(names, 2 * size);
			values = Arrays.copyOf(values, 2 * size);
			spans = Arrays.copyOf(spans, 4 * size);
		}
		spans[2 * size] = start;
		spans[2 * size + 1] = end;
		names[size] = name;
		values[size++] = value;
		return true;
	}

	/** Gives the signer each field, its value as the body's bytes. */
	void forEachAsUtf8(Signer signer) {
		for (var i = 0; i < size; i++) {
			signer.accept(names[i], body, spans[2 * i], spans[2 * i + 1] - spans[2 * i]);
		}
	}

	@Override
	public int size() {
		return size;
	}

	@Override
	public @Nullable String get(@Nullable Object name) {
		var index = indexOf(name);
		return index < 0 ? null : value(index);
	}

	@Override
	public boolean containsKey(@Nullable Object name) {
		return indexOf(name) >= 0;
	}

	@Override
	public void forEach(BiConsumer<? super String, ? super String> action) {
		for (var i = 0; i < size; i++) {
			action.accept(names[i], value(i));
		}
	}

	@Override
	public Set<Entry<String, String>> entrySet() {
		return new AbstractSet<>() {

			@Override
			public int size() {
				return size;
			}

			@Override
			public Iterator<Entry<String, String>> iterator() {
				return new Iterator<>() {

					private int next;

					@Override
					public boolean hasNext() {
						return next < size;
					}

					@Override
					public Entry<String, String> next() {
						if (next >= size) {
							throw new NoSuchElementException();
						}
						var entry = new SimpleImmutableEntry<>(names[next], value(next));
						next++;
						return entry;
					}
				};
			}
		};
	}

	private String value(int index) {
		var value = values[index];
		if (value == null) {
			var start = spans[2 * index];
			value = new String(body, start, spans[2 * index + 1] - start, StandardCharsets.ISO_8859_1);
			values[index] = value;
		}
		return value;
	}

	private int indexOf(@Nullable Object name) {
		for (var i = 0; i < size; i++) {
			if (names[i] == name) {
				return i;
			}
		}
		if (!(name instanceof String wanted)) {
			return -1;
		}
		var hash = wanted.hashCode();
		for (var i = 0; i < size; i++) {
			if (names[i].hashCode() == hash && names[i].equals(wanted)) {
				return i;
			}
		}
		return -1;
	}

	@Override
	public String put(String name, String value) {
		throw unmodifiable();
	}

	@Override
	public String remove(@Nullable Object name) {
		throw unmodifiable();
	}

	@Override
	public void putAll(Map<? extends String, ? extends String> fields) {
		throw unmodifiable();
	}

	@Override
	public void clear() {
		throw unmodifiable();
	}

	@Override
	public void replaceAll(BiFunction<? super String, ? super String, ? extends String> function) {
		throw unmodifiable();
	}

	@Override
	public String putIfAbsent(String name, String value) {
		throw unmodifiable();
	}

	@Override
	public boolean remove(@Nullable Object name, @Nullable Object value) {
		throw unmodifiable();
	}

	@Override
	public boolean replace(String name, String oldValue, String newValue) {
		throw unmodifiable();
	}

	@Override
	public String replace(String name, String value) {
		throw unmodifiable();
	}

	@Override
	public String computeIfAbsent(String name, Function<? super String, ? extends String> function) {
		throw unmodifiable();
	}

	@Override
	public String computeIfPresent(String name,
			BiFunction<? super String, ? super String, ? extends String> function) {
		throw unmodifiable();
	}

	@Override
	public String compute(String name, BiFunction<? super String, ? super @Nullable String, ? extends String> function) {
		throw unmodifiable();
	}

	@Override
	public String merge(String name, String value,
			BiFunction<? super String, ? super String, ? extends String> function) {
		throw unmodifiable();
	}

	private static UnsupportedOperationException unmodifiable() {
		return new UnsupportedOperationException("The fields of a document are not modifiable");
	}
}
