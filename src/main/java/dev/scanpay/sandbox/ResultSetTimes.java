package dev.scanpay.sandbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * The instants in {@code timestamp with time zone} columns of the emulator's rows.
 */
final class ResultSetTimes {

	private ResultSetTimes() {
	}

	static Instant instant(ResultSet row, String column) throws SQLException {
		return row.getObject(column, OffsetDateTime.class).toInstant();
	}

	static @Nullable Instant nullableInstant(ResultSet row, String column) throws SQLException {
		var value = row.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}
}
