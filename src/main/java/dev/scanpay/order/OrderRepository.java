package dev.scanpay.order;

import jakarta.persistence.LockModeType;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.JpaRepository;

interface OrderRepository extends JpaRepository<Order, String> {

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select o from Order o where o.id = :id")
	Optional<Order> findForUpdate(String id);

	@Query("select o.status from Order o where o.id = :id")
	Optional<OrderStatus> findStatus(String id);

	@Query("select o.tenant from Order o where o.id = :id")
	Optional<String> findTenant(String id);

	@Query("select o.id from Order o where o.id in :ids and o.status = dev.scanpay.order.OrderStatus.CLOSED")
	List<String> findClosedAmong(Collection<String> ids);

	@Query("select o from Order o where o.username = :username order by o.placedAt desc, o.id desc")
	Page<Order> findByUsernameNewestFirst(String username, Pageable pageable);

	@Query("""
			select o from Order o where o.username = :username and o.tenant = :tenant
			order by o.placedAt desc, o.id desc""")
	Page<Order> findByTenantAndUsernameNewestFirst(String tenant, String username, Pageable pageable);

	@Query("""
			select new dev.scanpay.order.UnpaidOrder(o.id, o.totalFee, o.placedAt, o.expiresAt) from Order o
			where o.status = dev.scanpay.order.OrderStatus.UNPAID and o.id > :afterId
			order by o.id""")
	List<UnpaidOrder> findUnpaidAfter(String afterId, Pageable pageable);
}
