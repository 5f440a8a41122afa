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
	@Query(value = "update sku set stock = stock - :quantity where id = :skuId and stock >= :quantity",
			nativeQuery = true)
	int take(long skuId, int quantity);

	@Modifying
	@Query(value = "update sku set stock = stock + :quantity where id = :skuId", nativeQuery = true)
	int giveBack(long skuId, int quantity);
}
