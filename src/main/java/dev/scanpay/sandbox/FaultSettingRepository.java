package dev.scanpay.sandbox;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface FaultSettingRepository extends JpaRepository<FaultSetting, String> {

	/**
	 * @return 1 if the scope had a system error left to answer with, which is now used up
	 */
	@Modifying
	@Query(value = "update sandbox_fault set system_errors = system_errors - 1 "
			+ "where scope = :scope and system_errors > 0", nativeQuery = true)
	int useSystemError(String scope);
}
