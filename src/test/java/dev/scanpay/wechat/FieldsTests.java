package dev.scanpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

import org.junit.jupiter.api.Test;

class FieldsTests {

	private static final byte[] BODY = "z1a22m333中".getBytes(StandardCharsets.UTF_8);

	@Test
	void keepsFieldsInTheOrderAdded() {
		var fields = new Fields(BODY, 2);
		fields.add("z", 1, 2, null);
		fields.add("a", 3, 5, null);
		fields.add("m", 6, 12, "333中");

		assertThat(fields).containsExactly(entry("z", "1"), entry("a", "22"), entry("m", "333中"));
		assertThat(fields.keySet()).containsExactly("z", "a", "m");
		assertThat(fields.values()).containsExactly("1", "22", "333中");
	}

	@Test
	void findsNamesByValueNotOnlyByIdentity() {
		var fields = new Fields(BODY, 4);
		fields.add(new String("total_fee".toCharArray()), 1, 2, null);

		assertThat(fields.get("total_fee")).isEqualTo("1");
		assertThat(fields.containsKey(new String("total_fee".toCharArray()))).isTrue();
		assertThat(fields.get("total")).isNull();
		assertThat(fields.containsKey("sign")).isFalse();
		assertThat(fields.get(null)).isNull();
		assertThat(fields.get(1)).isNull();
	}

	@Test
	void refusesARepeatedName() {
		var fields = new Fields(BODY, 4);

		assertThat(fields.add("a", 1, 2, null)).isTrue();
		assertThat(fields.add(new String("a".toCharArray()), 3, 5, null)).isFalse();
		assertThat(fields).containsExactly(entry("a", "1"));
	}

	@Test
	void equalsAnyMapOfTheSameFields() {
		var fields = new Fields(BODY, 1);
		var expected = new LinkedHashMap<String, String>();
		for (var i = 0; i < 200; i++) {
			fields.add("f" + i, 3, 5, null);
			expected.put("f" + i, "22");
		}

		assertThat(fields).isEqualTo(expected).hasSameHashCodeAs(expected).hasSize(200);
		assertThat(fields.toString()).isEqualTo(expected.toString());
	}

	@Test
	void isUnmodifiable() {
		var fields = new Fields(BODY, 1);
		assertThat(fields).isUnmodifiable();
		fields.add("a", 1, 2, null);
		assertThat(fields).isUnmodifiable();
	}
}
