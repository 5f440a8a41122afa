package dev.scanpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;

import org.junit.jupiter.api.Test;

class FieldsTests {

	@Test
	void keepsFieldsInTheOrderAdded() {
		var fields = new Fields(2);
		fields.add("z", "1");
		fields.add("a", "2");
		fields.add("m", "3");

		assertThat(fields).containsExactly(entry("z", "1"), entry("a", "2"), entry("m", "3"));
		assertThat(fields.keySet()).containsExactly("z", "a", "m");
		assertThat(fields.values()).containsExactly("1", "2", "3");
	}

	@Test
	void findsNamesByValueNotOnlyByIdentity() {
		var fields = new Fields(4);
		fields.add(new String("total_fee".toCharArray()), "1");

		assertThat(fields.get("total_fee")).isEqualTo("1");
		assertThat(fields.containsKey(new String("total_fee".toCharArray()))).isTrue();
		assertThat(fields.get("total")).isNull();
		assertThat(fields.containsKey("sign")).isFalse();
		assertThat(fields.get(null)).isNull();
		assertThat(fields.get(1)).isNull();
	}

	@Test
	void refusesARepeatedName() {
		var fields = new Fields(4);

		assertThat(fields.add("a", "1")).isTrue();
		assertThat(fields.add(new String("a".toCharArray()), "2")).isFalse();
		assertThat(fields).containsExactly(entry("a", "1"));
	}

	@Test
	void equalsAnyMapOfTheSameFields() {
		var fields = new Fields(1);
		var expected = new LinkedHashMap<String, String>();
		for (var i = 0; i < 200; i++) {
			fields.add("f" + i, "v" + i);
			expected.put("f" + i, "v" + i);
		}

		assertThat(fields).isEqualTo(expected).hasSameHashCodeAs(expected).hasSize(200);
		assertThat(fields.toString()).isEqualTo(expected.toString());
	}
}
