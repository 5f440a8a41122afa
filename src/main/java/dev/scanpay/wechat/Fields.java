package dev.scanpay.wechat;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * The fields of one document in document order, in two arrays rather than a node per field. The reader fills
 * it, then hands it out unmodifiable. Looking a name up compares it with each field's, first by identity, which
 * finds the names {@link FieldNames} holds once when they are asked for by a constant.
 */
final class Fields extends AbstractMap<String, String> {

	private String[] names;
	private String[] values;
	private int size;

	Fields(int capacity) {
		names = new String[capacity];
		values = new String[capacity];
	}

	/**
	 * Adds a field after the others; returns false, adding nothing, if there is one of that name already.
	 */
	boolean add(String name, String value) {
		if (indexOf(name) >= 0) {
			return false;
		}
		if (size == names.length) {
			names = Arrays.copyOf(names, 2 * size);
			values = Arrays.copyOf(values, 2 * size);
		}
		names[size] = name;
		values[size] = value;
		size++;
		return true;
	}

	@Override
	public int size() {
		return size;
	}

	@Override
	public @Nullable String get(@Nullable Object name) {
		var index = indexOf(name);
		return index < 0 ? null : values[index];
	}

	@Override
	public boolean containsKey(@Nullable Object name) {
		return indexOf(name) >= 0;
	}

	@Override
	public void forEach(BiConsumer<? super String, ? super String> action) {
		for (var i = 0; i < size; i++) {
			action.accept(names[i], values[i]);
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
						var entry = new SimpleImmutableEntry<>(names[next], values[next]);
						next++;
						return entry;
					}
				};
			}
		};
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
}
