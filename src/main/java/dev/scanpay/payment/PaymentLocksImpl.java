package dev.scanpay.payment;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.util.Optional;

class PaymentLocksImpl implements PaymentLocks {

	private final EntityManager entityManager;

	PaymentLocksImpl(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	@Override
	public Optional<Payment> findForUpdate(String orderId) {
		return Optional.ofNullable(entityManager.find(Payment.class, orderId, LockModeType.PESSIMISTIC_WRITE));
	}
}
