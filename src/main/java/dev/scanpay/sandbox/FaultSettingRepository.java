package dev.scanpay.sandbox;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

@WhenSandboxEnabled
interface FaultSettingRepository extends JpaRepository<FaultSetting, String> {

	/**
	 * Uses up one {@code SYSTEMERROR} answer of the trade's own faults or, without faults of its own, of the
	 * global ones, in one statement.
	 *
	 * @return 1 if there was one left
	 */
	@Modifying
	@Query(value = """
			update sandbox_fault set system_errors = system_errors - 1
			where system_errors > 0
			  and scope = coalesce((select scope from sandbox_fault where scope = :outTradeNo), '*')""",
			nativeQuery = true)
	int useSystemError(String outTradeNo);

	/**
	 * Uses up one {@code SYSTEMERROR} answer to a refund call, as {@link #useSystemError} does for the others.
	 *
	 * @return 1 if there was one left
	 */
	@Modifying
	@Query(value = """
			update sandbox_fault set refund_system_errors = refund_system_errors - 1
			where refund_system_errors > 0
			  and scope = coalesce((select scope from sandbox_fault where scope = :outTradeNo), '*')""",
			nativeQuery = true)
	int useRefundSystemError(String outTradeNo);
}
