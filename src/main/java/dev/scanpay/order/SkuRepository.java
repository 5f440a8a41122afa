package dev.scanpay.order;

import java.util.List;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;

interface SkuRepository extends CrudRepository<Sku, Long> {

	List<Sku> findAllByOrderById();

	/**
	 * Takes {@code quantity} units if that many are left, in one statement, so that concurrent orders can
	 * never take more than there is.
	 *
	 * @return 1 if taken, 0 if not enough stock is left
	 */
	@Modifying
	@Query("update Sku s set s.stock = s.stock - :quantity where s.id = :skuId and s.stock >= :quantity")
	int take(long skuId, int quantity);

	@Modifying
	@Query("update Sku s set s.stock = s.stock + :quantity where s.id = :skuId")
	int giveBack(long skuId, int quantity);
}
