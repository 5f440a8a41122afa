package dev.scanpay.order;

/**
 * A search asked for a page deeper than the console pages: a narrower search finds the order sooner.
 */
class SearchTooDeepException extends RuntimeException {

	SearchTooDeepException(int maxOffset) {
		super("Pages go %d orders deep at most; narrow the search".formatted(maxOffset));
	}
}
