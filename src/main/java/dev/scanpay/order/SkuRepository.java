package dev.scanpay.order;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SKU catalogue and its stock, in plain SQL.
 */
@Component
class SkuRepository {

	/**
	 * A SKU's name and price as taking its stock read them.
	 */
	record Taken(String name, long priceFen) {
	}

	private final JdbcClient jdbc;

	SkuRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Sku> findAllByOrderById() {
		return jdbc.sql("select id, name, price_fen, stock from sku order by id")
			.query((rs, row) -> new Sku(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4)))
			.list();
	}

	List<Sku> findAllById(Collection<Long> ids) {
		return jdbc.sql("select id, name, price_fen, stock from sku where id = any(?)")
			.param(ids.toArray(Long[]::new))
			.query((rs, row) -> new Sku(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4)))
			.list();
	}

	long count() {
		return jdbc.sql("select count(*) from sku").query(Long.class).single();
	}

	/**
	 * @return the stored SKU's id
	 */
	long add(Sku sku) {
		return jdbc.sql("insert into sku (name, price_fen, stock) values (?, ?, ?) returning id")
			.params(sku.name(), sku.priceFen(), sku.stock())
			.query(Long.class)
			.single();
	}

	/**
	 * Takes {@code quantity} units if that many are left, in one statement that also reads the SKU's name and
	 * price, so that concurrent orders can never take more than there is. The row stays locked until the
	 * transaction ends.
	 *
	 * @return the SKU's name and price if taken, empty if there is no such SKU or not enough stock is left
	 */
	Optional<Taken> take(long skuId, int quantity) {
		return jdbc.sql("update sku set stock = stock - ? where id = ? and stock >= ? returning name, price_fen")
			.params(quantity, skuId, quantity)
			.query((rs, row) -> new Taken(rs.getString(1), rs.getLong(2)))
			.optional();
	}

	int giveBack(long skuId, int quantity) {
		return jdbc.sql("update sku set stock = stock + ? where id = ?").params(quantity, skuId).update();
	}
}
