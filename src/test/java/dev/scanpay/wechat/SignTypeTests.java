package dev.scanpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SignTypeTests {

	@Test
	void readsWireNames() {
		assertThat(SignType.fromWireName("MD5")).isEqualTo(SignType.MD5);
		assertThat(SignType.fromWireName("HMAC-SHA256")).isEqualTo(SignType.HMAC_SHA256);
	}

	@Test
	void writesWireNames() {
		assertThat(SignType.MD5.wireName()).isEqualTo("MD5");
		assertThat(SignType.HMAC_SHA256.wireName()).isEqualTo("HMAC-SHA256");
	}

	@Test
	void treatsAbsentSignTypeAsMd5() {
		assertThat(SignType.fromWireName(null)).isEqualTo(SignType.MD5);
		assertThat(SignType.fromWireName("")).isEqualTo(SignType.MD5);
	}

	@Test
	void rejectsUnknownSignTypes() {
		assertThatThrownBy(() -> SignType.fromWireName("SHA1")).isInstanceOf(UnknownSignTypeException.class)
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'SHA1'")
			.hasMessageContaining("MD5 and HMAC-SHA256");
		assertThatThrownBy(() -> SignType.fromWireName("HMAC_SHA256")).isInstanceOf(UnknownSignTypeException.class);
		assertThatThrownBy(() -> SignType.fromWireName("md5")).isInstanceOf(UnknownSignTypeException.class);
	}

	@Test
	void admitsANotificationNamingNoSignTypeOrItsOwn() {
		assertThat(SignType.HMAC_SHA256.admits(null)).isTrue();
		assertThat(SignType.HMAC_SHA256.admits("")).isTrue();
		assertThat(SignType.HMAC_SHA256.admits("HMAC-SHA256")).isTrue();
		assertThat(SignType.MD5.admits("MD5")).isTrue();
	}

	@Test
	void refusesANotificationNamingAnotherSignType() {
		assertThat(SignType.HMAC_SHA256.admits("MD5")).isFalse();
		assertThat(SignType.MD5.admits("HMAC-SHA256")).isFalse();
		assertThat(SignType.MD5.admits("md5")).isFalse();
	}
}
