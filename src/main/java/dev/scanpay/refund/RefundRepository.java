package dev.scanpay.refund;

import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;

interface RefundRepository extends CrudRepository<Refund, String> {

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select r from Refund r where r.id = :id")
	Optional<Refund> findForUpdate(String id);

	@Query("select r from Refund r where r.orderId = :orderId order by r.requestedAt, r.id")
	List<Refund> findByOrder(String orderId);

	@Query("select r from Refund r where r.tenant = :tenant and r.idempotencyKey = :key")
	Optional<Refund> findByIdempotencyKey(String tenant, String key);

	@Query("select r from Refund r where r.transactionId = :transactionId")
	List<Refund> findByTransaction(String transactionId);

	@Query("""
			select r from Refund r
			where r.state = dev.scanpay.refund.RefundState.SUCCEEDED and r.successTime >= :from and r.successTime < :to
			order by r.successTime, r.id""")
	List<Refund> findSucceededBetween(Instant from, Instant to);
}
