package dev.scanpay.wechat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BiConsumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * One thread's means of signing: its digest and MAC instances, kept across calls, and the buffers the canonical
 * string is written into as UTF-8 bytes, so that a signature costs no allocation beyond what the fields are. Not
 * thread-safe: {@link WeChatSignatures} keeps one per thread.
 */
final class Signer implements BiConsumer<String, String> {

	/** A canonical string longer than this is written into a buffer of its own, so no thread keeps a large one. */
	private static final int KEPT_BUFFER_BYTES = 16 * 1024;

	private final MessageDigest md5;
	private final Mac hmacSha256;
	private @Nullable String hmacKey;

	private byte[] canonical = new byte[2048];
	private final byte[] signature = new byte[32];
	private String[] names = new String[32];
	private @Nullable String[] values = new String[32];
	private int[] starts = new int[32];
	private int[] lengths = new int[32];
	private byte @Nullable [] source;
	private int count;
	private int maxBytes;

	Signer() {
		try {
			md5 = MessageDigest.getInstance("MD5");
			hmacSha256 = Mac.getInstance("HmacSHA256");
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("This JVM cannot compute MD5 or HMAC-SHA256", e);
		}
	}

	/**
	 * Signs the fields into {@link #signature()}; returns the signature's length in bytes.
	 */
	int sign(Map<String, String> fields, String apiKey, SignType type) {
		var length = canonical(fields, apiKey);
		var bytes = canonical;
		if (length < 0) {
			bytes = new byte[maxBytes];
			length = write(bytes, apiKey);
		}
		try {
			return switch (type) {
				case MD5 -> {
					md5.update(bytes, 0, length);
					yield md5.digest(signature, 0, 16);
				}
				case HMAC_SHA256 -> {
					if (!apiKey.equals(hmacKey)) {
						hmacSha256.init(new SecretKeySpec(apiKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
						hmacKey = apiKey;
					}
					hmacSha256.update(bytes, 0, length);
					hmacSha256.doFinal(signature, 0);
					yield 32;
				}
			};
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Cannot compute " + type.wireName(), e);
		}
		finally {
			// The canonical string holds the API key and the fields: keep neither beyond this call.
			Arrays.fill(bytes, 0, length, (byte) 0);
		}
	}

	/** The signature the last {@link #sign} wrote. */
	byte[] signature() {
		return signature;
	}

	/**
	 * The canonical string as UTF-8 bytes, in a new array.
	 */
	byte[] canonicalBytes(Map<String, String> fields, String apiKey) {
		var length = canonical(fields, apiKey);
		if (length < 0) {
			var bytes = new byte[maxBytes];
			return Arrays.copyOf(bytes, write(bytes, apiKey));
		}
		var copy = Arrays.copyOf(canonical, length);
		Arrays.fill(canonical, 0, length, (byte) 0);
		return copy;
	}

	/**
	 * Collects and sorts the signed fields, then writes the canonical string into the kept buffer and returns its
	 * length, or returns -1 if it might not fit there, leaving the fields collected for {@link #write}.
	 */
	private int canonical(Map<String, String> fields, String apiKey) {
		if (apiKey.isEmpty()) {
			throw new IllegalArgumentException("The API key must not be empty");
		}
		count = 0;
		maxBytes = 3 * (4 + apiKey.length());
		if (fields instanceof Fields read) {
			read.forEachAsUtf8(this);
		}
		else {
			fields.forEach(this);
		}
		sortByName();
		if (maxBytes > canonical.length) {
			if (maxBytes > KEPT_BUFFER_BYTES) {
				return -1;
			}
			canonical = new byte[Math.max(maxBytes, 2 * canonical.length)];
		}
		return write(canonical, apiKey);
	}

	/** Collects one field if it is signed. */
	@Override
	public void accept(String name, @Nullable String value) {
		if (value == null || value.isEmpty() || WeChatSignatures.SIGN.equals(name)) {
			return;
		}
		collect(name, value, 0, 0);
		// A char is at most three bytes of UTF-8 (a surrogate pair, two chars, is four).
		maxBytes += 3 * (name.length() + value.length() + 2);
	}

	/** Collects one field, its value given as UTF-8 bytes, if it is signed. */
	void accept(String name, byte[] bytes, int start, int length) {
		if (length == 0 || WeChatSignatures.SIGN.equals(name)) {
			return;
		}
		source = bytes;
		collect(name, null, start, length);
		maxBytes += 3 * (name.length() + 2) + length;
	}

	private void collect(String name, @Nullable String value, int start, int length) {
		if (count == names.length) {
			names = Arrays.copyOf(names, 2 * count);
			values = Arrays.copyOf(values, 2 * count);
			starts = Arrays.copyOf(starts, 2 * count);
			lengths = Arrays.copyOf(lengths, 2 * count);
		}
		names[count] = name;
		values[count] = value;
		starts[count] = start;
		lengths[count] = length;
		count++;
	}

	/**
	 * Insertion sort: fields mostly arrive sorted, and a parsed document has at most
	 * {@link WeChatXml#MAX_FIELDS}.
	 */
	private void sortByName() {
		for (var i = 1; i < count; i++) {
			var name = names[i];
			if (names[i - 1].compareTo(name) <= 0) {
				continue;
			}
			var value = values[i];
			var start = starts[i];
			var length = lengths[i];
			var j = i - 1;
			while (j >= 0 && names[j].compareTo(name) > 0) {
				names[j + 1] = names[j];
				values[j + 1] = values[j];
				starts[j + 1] = starts[j];
				lengths[j + 1] = lengths[j];
				j--;
			}
			names[j + 1] = name;
			values[j + 1] = value;
			starts[j + 1] = start;
			lengths[j + 1] = length;
		}
	}

	private int write(byte[] bytes, String apiKey) {
		var at = 0;
		for (var i = 0; i < count; i++) {
			at = Utf8.encode(names[i], bytes, at);
			bytes[at++] = '=';
			var value = values[i];
			if (value != null) {
				at = Utf8.encode(value, bytes, at);
			}
			else {
				System.arraycopy(source, starts[i], bytes, at, lengths[i]);
				at += lengths[i];
			}
			bytes[at++] = '&';
			names[i] = null;
			values[i] = null;
		}
		source = null;
		bytes[at++] = 'k';
		bytes[at++] = 'e';
		bytes[at++] = 'y';
		bytes[at++] = '=';
		return Utf8.encode(apiKey, bytes, at);
	}
}
