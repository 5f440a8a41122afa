package dev.scanpay.sandbox;

import dev.scanpay.wechat.TradeState;

import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

@WhenSandboxEnabled
interface TradeRepository extends JpaRepository<Trade, String> {

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select t from Trade t where t.outTradeNo = :outTradeNo")
	Optional<Trade> findForUpdate(String outTradeNo);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select t from Trade t where t.codeUrl = :codeUrl")
	Optional<Trade> findByCodeUrlForUpdate(String codeUrl);

	Optional<Trade> findByTransactionId(String transactionId);

	/**
	 * Counts an orderquery about the trade in one statement, outside the entity's optimistic locking: a query
	 * answered while a payer pays the trade must not fail because the payment changed its version.
	 */
	@Modifying
	@Query(value = "update sandbox_trade set queries = queries + 1 where out_trade_no = :outTradeNo", nativeQuery = true)
	void countQuery(String outTradeNo);

	List<Trade> findByStateOrderByCreatedAtDesc(TradeState state);

	@Query("select t from Trade t where t.state = dev.scanpay.wechat.TradeState.SUCCESS "
			+ "and t.timeEnd >= :from and t.timeEnd < :to order by t.timeEnd, t.outTradeNo")
	List<Trade> findPaidBetween(Instant from, Instant to);

	@Query("select t from Trade t where t.state = dev.scanpay.wechat.TradeState.SUCCESS order by t.timeEnd")
	List<Trade> findAllPaid();
}
