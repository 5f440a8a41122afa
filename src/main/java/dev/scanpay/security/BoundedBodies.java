package dev.scanpay.security;

import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

/**
 * Reads a request body only up to a limit, whether the client declared its length or streams it in chunks: a
 * body declared larger is not read at all, and a chunked one is read one byte past the limit at most.
 */
public final class BoundedBodies {

	private BoundedBodies() {
	}

	/**
	 * The request's body, or {@code null} if it has more than {@code maxBytes} bytes.
	 */
	public static byte @Nullable [] readAtMost(HttpServletRequest request, int maxBytes) throws IOException {
		if (request.getContentLengthLong() > maxBytes) {
			return null;
		}
		var body = request.getInputStream().readNBytes(maxBytes + 1);
		return body.length > maxBytes ? null : body;
	}
}
