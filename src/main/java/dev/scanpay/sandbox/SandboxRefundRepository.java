package dev.scanpay.sandbox;

import dev.scanpay.wechat.RefundStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

@WhenSandboxEnabled
interface SandboxRefundRepository extends JpaRepository<SandboxRefund, String> {

	Optional<SandboxRefund> findByOutRefundNo(String outRefundNo);

	List<SandboxRefund> findByOutTradeNoOrderByCreatedAt(String outTradeNo);

	boolean existsByOutTradeNo(String outTradeNo);

	/** PROCESSING refunds whose outcome is due, locked; those another transaction holds are skipped. */
	@Query(value = """
			select * from sandbox_refund where status = 'PROCESSING' and settles_at <= :now
			order by settles_at limit :limit for update skip locked""", nativeQuery = true)
	List<SandboxRefund> findDueForUpdate(Instant now, int limit);

	/** The refunds accepted in the period, whatever became of them since: a day's bill lists them. */
	@Query("select r from SandboxRefund r where r.createdAt >= :from and r.createdAt < :to "
			+ "order by r.createdAt, r.refundId")
	List<SandboxRefund> findAcceptedBetween(Instant from, Instant to);
}
